import { readFile } from "node:fs/promises";
import { expect, type Page, test } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./support/dashboard";
import { fetchWelcome } from "./support/fleetClient";
import { liveLineInk } from "./support/liveLine";

const HOUR = 3_600_000;

/** An online thermostat of the seeded fleet (the e2e server has 3 h of backfilled history). */
async function thermostat(baseURL: string | undefined) {
  const welcome = await fetchWelcome(baseURL ?? "");
  const device = welcome.fleet.find((entry) => entry.kind === "thermostat" && entry.online);
  if (!device) throw new Error("the seeded fleet has no online thermostat");
  expect(welcome.history?.durable, "the e2e server keeps durable history").toBe(true);
  return device;
}

/** The history panel of one metric, with its bucket count as a number. */
function historyPanel(page: Page, key: string) {
  return page.locator(`[data-history-metric="${key}"]`);
}

async function bucketsOf(page: Page, key: string): Promise<number> {
  return Number(await historyPanel(page, key).getAttribute("data-buckets"));
}

/** The range in the URL, or undefined when the view follows now. */
function rangeInUrl(page: Page): { from: number; to: number } | undefined {
  const match = /from=(\d+)&to=(\d+)/.exec(page.url());
  return match ? { from: Number(match[1]), to: Number(match[2]) } : undefined;
}

test.describe("device history", () => {
  test("pick 1 h: the band and average are drawn; drag zooms into the URL; Back to live returns", async ({
    page,
    baseURL,
  }) => {
    const device = await thermostat(baseURL);
    const metric = device.metrics[0]!;
    await page.goto(`/#/devices/${device.id}?window=5m`);
    await page.getByRole("link", { name: "1 h", exact: true }).click();
    await expect(page).toHaveURL(/window=1h$/);
    await expect(page.getByRole("link", { name: "1 h", exact: true })).toHaveAttribute(
      "aria-current",
      "true",
    );
    await expect(page.locator(".history-charts")).toHaveAttribute("data-history-state", "ready");
    await expect(page.getByRole("status").filter({ hasText: "History:" })).toContainText("buckets of");

    // One band (an area between min and max) and one average line per metric, with data in them.
    for (const { key } of device.metrics) {
      await expect.poll(() => bucketsOf(page, key)).toBeGreaterThan(100);
      await expect(historyPanel(page, key).locator(".history-band path.recharts-area-area")).toHaveAttribute(
        "d",
        /M.+L/,
      );
      await expect(historyPanel(page, key).locator(".history-avg path.recharts-line-curve")).toHaveAttribute(
        "d",
        /M.+L/,
      );
    }
    // The thresholds are drawn on the band chart as on the live one.
    await expect(
      historyPanel(page, metric.key).locator(".threshold-line, .threshold-offchart").first(),
    ).toBeAttached();

    // Drag from 30 % to 60 % of the plot: the URL holds about 30 % of the hour.
    const plot = historyPanel(page, metric.key).locator(".band-chart-plot");
    const box = (await plot.boundingBox())!;
    const plotLeft = box.x + 56;
    const plotWidth = box.width - 56 - 12;
    const y = box.y + box.height / 2;
    const asked = page.waitForRequest((request) => /\/api\/history\?.*from=/.test(request.url()));
    await page.mouse.move(plotLeft + plotWidth * 0.3, y);
    await page.mouse.down();
    await page.mouse.move(plotLeft + plotWidth * 0.45, y, { steps: 5 });
    await expect(plot.locator(".zoom-selection")).toBeAttached();
    await page.mouse.move(plotLeft + plotWidth * 0.6, y, { steps: 5 });
    await page.mouse.up();
    await expect(page).toHaveURL(/window=1h&from=\d+&to=\d+/);
    const range = rangeInUrl(page)!;
    expect((range.to - range.from) / HOUR).toBeGreaterThan(0.25);
    expect((range.to - range.from) / HOUR).toBeLessThan(0.35);
    // The zoomed range is what the history API is asked for.
    const request = new URL((await asked).url());
    expect(Number(request.searchParams.get("from"))).toBe(range.from);
    expect(Number(request.searchParams.get("to"))).toBe(range.to);
    await expect(page.locator(".history-charts")).toHaveAttribute("data-history-state", "ready");
    await expect(page.getByText(/^Showing \d{4}-/)).toBeVisible();

    // The range is a link: reloading shows it again.
    await page.reload();
    await expect(page.locator(".history-charts")).toHaveAttribute("data-history-state", "ready");
    expect(rangeInUrl(page)).toEqual(range);

    await page.getByRole("link", { name: "Back to live" }).click();
    await expect(page).toHaveURL(new RegExp(`#/devices/${device.id}\\?window=1h$`));
    await expect(page.getByRole("link", { name: "Back to live" })).toHaveCount(0);
    await expect(page.locator(".history-charts")).toHaveAttribute("data-history-state", "ready");

    // Zoom out from 1 h goes to 6 h; back to 5 min the live charts return.
    await page.getByRole("link", { name: "Zoom out" }).click();
    await expect(page).toHaveURL(/window=6h$/);
    await page.getByRole("link", { name: "5 min", exact: true }).click();
    await expect(page.locator(".history-charts")).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Export window as CSV" })).toBeVisible();
  });

  test("a custom from/to goes into the URL, and a wrong pair is refused in words", async ({
    page,
    baseURL,
  }) => {
    const device = await thermostat(baseURL);
    await page.goto(`/#/devices/${device.id}?window=6h`);
    await expect(page.locator(".history-charts")).toHaveAttribute("data-history-state", "ready");
    await page.getByText("Custom range").click();
    const form = page.getByRole("form", { name: "Custom range" });
    // datetime-local values in the browser's own time zone: 2 h ago to 1 h ago, to the minute.
    const [from, to] = await page.evaluate(() => {
      const local = (ms: number) => {
        const d = new Date(Math.floor(ms / 60_000) * 60_000);
        return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
      };
      return [local(Date.now() - 2 * 3_600_000), local(Date.now() - 3_600_000)];
    });
    await form.getByLabel("From").fill(to!);
    await form.getByLabel("To").fill(from!);
    await form.getByRole("button", { name: "Show range" }).click();
    await expect(form.getByRole("alert")).toHaveText("The start must be before the end.");
    await form.getByLabel("From").fill(from!);
    await form.getByLabel("To").fill(to!);
    await form.getByRole("button", { name: "Show range" }).click();
    await expect(page).toHaveURL(/window=6h&from=\d+&to=\d+/);
    const range = rangeInUrl(page)!;
    expect(range.to - range.from).toBe(HOUR);
    await expect(page.locator(".history-charts")).toHaveAttribute("data-history-state", "ready");
    await expect.poll(() => bucketsOf(page, device.metrics[0]!.key)).toBeGreaterThan(10);
    await expectNoSeriousA11yViolations(page);
  });

  test("the CSV export of a long window has one row per bucket with min, max, avg and count", async ({
    page,
    baseURL,
  }) => {
    const device = await thermostat(baseURL);
    await page.goto(`/#/devices/${device.id}?window=6h`);
    await expect(page.locator(".history-charts")).toHaveAttribute("data-history-state", "ready");
    const buckets = await bucketsOf(page, device.metrics[0]!.key);
    expect(buckets).toBeGreaterThan(50);
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Export range as CSV" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`^${device.id}_.+\\.csv$`));
    const lines = (await readFile((await download.path())!, "utf8")).trimEnd().split("\r\n");
    const first = device.metrics[0]!;
    expect(lines[0]).toContain(`bucket_start,bucket_ms,${first.key} min (${first.unit}),${first.key} max`);
    const rows = lines.slice(1).map((line) => line.split(","));
    // Every bucket on the chart is a row (the live edge may have opened one more since).
    expect(rows.length).toBeGreaterThanOrEqual(buckets);
    expect(rows.length).toBeLessThanOrEqual(buckets + 2);
    for (const row of rows) {
      expect(Number(row[1])).toBe(Number(rows[0]![1]));
      expect(Number(row[1])).toBeGreaterThan(1);
      const [min, max, avg, count] = row.slice(2, 6).map(Number) as [number, number, number, number];
      expect(min).toBeLessThanOrEqual(avg);
      expect(avg).toBeLessThanOrEqual(max);
      expect(count).toBeGreaterThan(0);
    }
  });

  test("a store that cannot be reached is said in words, live data goes on, and Try again recovers", async ({
    page,
    baseURL,
  }) => {
    const device = await thermostat(baseURL);
    await page.route("**/api/history?**", (route) =>
      route.fulfill({
        status: 503,
        contentType: "application/json",
        body: JSON.stringify({
          error: { code: "store_unavailable", message: "the history store cannot answer" },
        }),
      }),
    );
    await page.goto(`/#/devices/${device.id}?window=24h`);
    const message = page.getByRole("alert").filter({ hasText: "History unavailable" });
    await expect(message).toHaveText(
      /^History unavailable: the store cannot be reached\. Live data continues\./,
    );
    await expect(page.locator(".history-charts")).toHaveAttribute("data-history-state", "error");
    await expect(page.getByRole("button", { name: "Export range as CSV" })).toBeDisabled();
    // Live data still arrives: the 1 min window draws it.
    await page.getByRole("link", { name: "1 min", exact: true }).click();
    // The live line is drawn on a canvas: some of its columns have ink.
    await expect.poll(() => liveLineInk(page)).toBeGreaterThan(5);
    await page.goBack();
    await expect(message).toContainText("the store cannot be reached");
    await page.unroute("**/api/history?**");
    await page.getByRole("button", { name: "Try again" }).click();
    await expect(page.locator(".history-charts")).toHaveAttribute("data-history-state", "ready");
  });

  test("24 h opens drawn within a second; its answer's size is recorded", async ({ page, baseURL }, info) => {
    const device = await thermostat(baseURL);
    /** Opens the 24 h view and reads when the band was drawn and how big the answer was. */
    const open24h = async () => {
      await page.goto(`/#/devices/${device.id}?window=24h`);
      await expect(historyPanel(page, device.metrics[0]!.key).locator(".history-band path")).toHaveAttribute(
        "d",
        /M.+L/,
      );
      return page.evaluate(() => {
        const drawn = performance.getEntriesByName("history-band-drawn")[0]?.startTime ?? Number.NaN;
        const answer = performance
          .getEntriesByType("resource")
          .find((entry) => entry.name.includes("/api/history")) as PerformanceResourceTiming | undefined;
        return {
          drawnMs: Math.round(drawn),
          answerBytes: answer?.encodedBodySize ?? Number.NaN,
          answerMs: Math.round(answer?.duration ?? Number.NaN),
          points: Number(new URL(answer?.name ?? "http://x/").searchParams.get("points")),
        };
      });
    };
    // First visit (nothing cached), then opening it again (scripts cached, as for a returning user).
    const cold = await open24h();
    await page.goto("about:blank");
    const warm = await open24h();
    for (const [name, figures] of Object.entries({ cold, warm })) {
      info.annotations.push({ type: `24h ${name}`, description: JSON.stringify(figures) });
      console.log(`24 h device view, ${name}: ${JSON.stringify(figures)}`);
    }
    expect(warm.answerBytes).toBeGreaterThan(1000);
    expect(warm.points).toBeGreaterThan(100);
    // Navigation start to the band drawn, in the production build.
    expect(cold.drawnMs).toBeLessThan(1000);
    expect(warm.drawnMs).toBeLessThan(1000);
  });
});
