import { readFile } from "node:fs/promises";
import { expect, type Locator, type Page, test } from "@playwright/test";
import { deleteStoredRules } from "./support/alertRules";
import { chartSummary, expectNoSeriousA11yViolations, numberIn } from "./support/dashboard";
import { fetchWelcome } from "./support/fleetClient";
import { liveLineInk } from "./support/liveLine";

/** An online thermostat; `heating` picks one whose mode lets it heat (so a higher target converges). */
async function firstThermostat(baseURL: string | undefined, heating = false) {
  const welcome = await fetchWelcome(baseURL ?? "");
  const device = welcome.fleet.find(
    (entry) =>
      entry.kind === "thermostat" &&
      entry.online &&
      (!heating || ["heat", "auto"].includes(String(entry.state.mode))),
  );
  if (!device) throw new Error("the seeded fleet has no online thermostat");
  return device;
}

/** Types a metric's thresholds into the device view's rule editor and saves them as this device's rule. */
async function setThresholds(page: Page, label: string, bounds: { low: string; high: string }) {
  const form = page
    .getByRole("region", { name: "Alert rules" })
    .getByRole("form", { name: new RegExp(label) });
  await form.getByLabel(`${label} Applies to`).selectOption("device");
  await form.getByLabel(`${label} Low`).fill(bounds.low);
  await form.getByLabel(`${label} High`).fill(bounds.high);
  await form.getByRole("button", { name: "Save" }).click();
  await expect(form).toContainText("Saved");
}

/** Where a chart's hover dot is, its fill, and the line's ink on the canvas under it. */
interface DotOnLine {
  /** The dot's centre, in page pixels. */
  x: number;
  y: number;
  fill: string;
  /** How far the nearest inked canvas pixel (alpha at least half) is from the dot's centre. */
  distance: number;
  /** The most opaque canvas pixel within 4 px of the dot's centre: its alpha and colour. */
  alpha: number;
  ink: string;
}

/** Reads the hover dot of a live chart against the line its canvas draws (the dot is SVG above it). */
async function dotOnLine(chart: Locator): Promise<DotOnLine> {
  return chart.evaluate((figure) => {
    const dot = figure.querySelector<SVGCircleElement>("circle.live-chart-active-dot");
    const canvas = figure.querySelector<HTMLCanvasElement>("canvas.live-line-canvas");
    const context = canvas?.getContext("2d");
    if (!dot || !canvas || !context) throw new Error("no hover dot or no line canvas");
    const box = dot.getBoundingClientRect();
    const x = box.x + box.width / 2;
    const y = box.y + box.height / 2;
    const plot = canvas.getBoundingClientRect();
    const ratio = canvas.width / plot.width;
    const best = { distance: Number.POSITIVE_INFINITY, alpha: 0, ink: "" };
    for (let dy = -4; dy <= 4; dy += 0.5) {
      for (let dx = -4; dx <= 4; dx += 0.5) {
        const px = Math.floor((x + dx - plot.x) * ratio);
        const py = Math.floor((y + dy - plot.y) * ratio);
        if (px < 0 || py < 0 || px >= canvas.width || py >= canvas.height) continue;
        const [r, g, b, a = 0] = context.getImageData(px, py, 1, 1).data;
        if (a >= 128) best.distance = Math.min(best.distance, Math.hypot(dx, dy));
        if (a > best.alpha) {
          best.alpha = a;
          best.ink = `rgb(${r}, ${g}, ${b})`;
        }
      }
    }
    return { x, y, fill: getComputedStyle(dot).fill, ...best };
  });
}

/** The number of SVG shapes (paths and circles) in a chart: the line must not add one per sample. */
function svgShapes(chart: Locator): Promise<number> {
  return chart.locator("svg.recharts-surface").evaluate((svg) => svg.querySelectorAll("path, circle").length);
}

test.describe("device view", () => {
  // Rules live on the shared server now: each test removes the ones it saved.
  test.afterEach(async ({ baseURL }) => {
    await deleteStoredRules(baseURL ?? "");
  });

  test("opens from the overview, draws a chart per metric and the charts move", async ({ page, baseURL }) => {
    const device = await firstThermostat(baseURL);
    await page.goto("/");
    await page.getByRole("link", { name: device.name, exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`#/devices/${device.id}`));
    await expect(page.getByRole("heading", { level: 1, name: device.name })).toBeVisible();
    for (const metric of device.metrics) {
      await expect(
        page.getByRole("figure", { name: `${metric.label} (${metric.unit}) chart` }),
      ).toBeVisible();
    }
    const summary = chartSummary(page, device.metrics[0]!.label);
    await expect(summary).toContainText("Latest");
    const first = await summary.textContent();
    await expect(summary).not.toHaveText(first ?? "");
    // The live line is drawn on a canvas: some of its columns have ink.
    await expect.poll(() => liveLineInk(page)).toBeGreaterThan(5);

    // The window lives in the URL, and back/forward move between windows and pages.
    await page.getByRole("link", { name: "1 min" }).click();
    await expect(page).toHaveURL(/window=1m/);
    await expect(page.getByRole("link", { name: "1 min" })).toHaveAttribute("aria-current", "true");
    await page.goBack();
    await expect(page).toHaveURL(new RegExp(`#/devices/${device.id}$`));
    await page.goBack();
    await expect(page.getByRole("heading", { level: 1, name: "Fleet overview" })).toBeVisible();
    await page.goForward();
    await expect(page.getByRole("heading", { level: 1, name: device.name })).toBeVisible();
  });

  test("a chart scrolled out of view keeps its summary live but is not redrawn until it is back", async ({
    page,
    baseURL,
  }) => {
    const device = await firstThermostat(baseURL);
    // Short enough that the last metric's chart starts below the fold.
    await page.setViewportSize({ width: 1280, height: 480 });
    await page.goto(`/#/devices/${device.id}?window=1m`);
    const metric = device.metrics[device.metrics.length - 1]!;
    const chart = page.getByRole("figure", { name: `${metric.label} (${metric.unit}) chart` });
    const plot = chart.locator(".live-chart-plot");
    const canvas = chart.locator("canvas.live-line-canvas");
    const pixels = () => canvas.evaluate((element: HTMLCanvasElement) => element.toDataURL());
    const summary = chartSummary(page, metric.label);

    await expect(plot).toHaveAttribute("data-idle", "true");
    await expect(summary).toContainText("Latest");
    const idlePixels = await pixels();
    // The text an assistive technology reads moves on (two redraws of the chart's data) ...
    const first = await summary.textContent();
    await expect(summary).not.toHaveText(first ?? "");
    const second = await summary.textContent();
    await expect(summary).not.toHaveText(second ?? "");
    // ... while the plot nobody can see kept what it last drew.
    expect(await pixels()).toBe(idlePixels);

    await chart.scrollIntoViewIfNeeded();
    await expect(plot).not.toHaveAttribute("data-idle");
    await expect.poll(pixels).not.toBe(idlePixels);
    await expect.poll(() => liveLineInk(page, device.metrics.length - 1)).toBeGreaterThan(5);
  });

  test("pause freezes the charts, counts new samples, and resume jumps to live", async ({
    page,
    baseURL,
  }) => {
    const device = await firstThermostat(baseURL);
    await page.goto(`/#/devices/${device.id}?window=1m`);
    const summary = chartSummary(page, device.metrics[0]!.label);
    await expect(summary).toContainText("Latest");
    await page.getByRole("button", { name: /Pause/ }).click();
    const frozen = await summary.textContent();
    await expect(page.getByText(/^\+\d+ new samples?$/)).toHaveText(/^\+([1-9]\d*) new samples?$/);
    const counted = numberIn((await page.getByText(/new samples?$/).textContent()) ?? "");
    await expect
      .poll(async () => numberIn((await page.getByText(/new samples?$/).textContent()) ?? ""))
      .toBeGreaterThan(counted);
    expect(await summary.textContent()).toBe(frozen);

    await page.getByRole("button", { name: /Resume live/ }).click();
    await expect(page.getByText(/new samples?$/)).toHaveCount(0);
    await expect(summary).not.toHaveText(frozen ?? "");
  });

  test("exports the visible window as CSV with an ISO timestamp and a column per metric", async ({
    page,
    baseURL,
  }) => {
    const device = await firstThermostat(baseURL);
    await page.goto(`/#/devices/${device.id}?window=1m`);
    await expect(chartSummary(page, device.metrics[0]!.label)).toContainText("Latest");
    // Let a few seconds of samples arrive so the window is not empty.
    await expect
      .poll(async () =>
        numberIn(
          (await page
            .getByText(/^\d+ samples? in window$/)
            .first()
            .textContent()) ?? "0",
        ),
      )
      .toBeGreaterThan(20);
    const downloading = page.waitForEvent("download");
    await page.getByRole("button", { name: "Export window as CSV" }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(new RegExp(`^${device.id}_.*\\.csv$`));
    const csv = await readFile((await download.path()) ?? "", "utf8");
    const [header, ...rows] = csv.trimEnd().split("\r\n");
    expect(header).toBe(["timestamp", ...device.metrics.map((m) => `${m.key} (${m.unit})`)].join(","));
    expect(rows.length).toBeGreaterThan(20);
    const times = rows.map((row) => Date.parse(row.split(",")[0] ?? ""));
    for (const row of rows) expect(row.split(",")).toHaveLength(device.metrics.length + 1);
    expect(rows[0]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z,/);
    const span = (times.at(-1) ?? 0) - (times[0] ?? 0);
    expect(span).toBeGreaterThan(0);
    expect(span).toBeLessThanOrEqual(60_000);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
  });

  test("exports a chart as a PNG image", async ({ page, baseURL }) => {
    const device = await firstThermostat(baseURL);
    const metric = device.metrics[0]!;
    await page.goto(`/#/devices/${device.id}?window=1m`);
    await expect(chartSummary(page, metric.label)).toContainText("Latest");
    const downloading = page.waitForEvent("download");
    await page.getByRole("button", { name: `Export ${metric.label} chart as PNG` }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(new RegExp(`^${device.id}_${metric.key}_.*\\.png$`));
    const png = await readFile((await download.path()) ?? "");
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    // Width and height from the IHDR chunk: the chart's size, not an empty image.
    expect(png.readUInt32BE(16)).toBeGreaterThan(200);
    expect(png.readUInt32BE(20)).toBeGreaterThan(100);
  });

  test("a target change succeeds and the temperature converges towards it", async ({ page, baseURL }) => {
    const device = await firstThermostat(baseURL, true);
    await page.goto(`/#/devices/${device.id}?window=1m`);
    const measured = page.locator(".desired-item").first();
    await expect(measured).toContainText(/measured temperature\s+-?\d/);
    const now = numberIn((await measured.locator("strong").nth(1).textContent()) ?? "");
    // Above the room temperature, so the heating runs (and the thermostat's hysteresis is passed).
    const target = Math.min(30, Math.round(now) + 4);
    const form = page.getByRole("form", { name: "Set target temperature" });
    await form.getByRole("spinbutton").fill(String(target));
    await form.getByRole("button", { name: "Set target temperature" }).click();

    const timeline = page.getByRole("list", { name: "Command history" });
    await expect(timeline.getByRole("listitem").first()).toContainText("Succeeded");
    await expect(timeline.getByRole("listitem").first()).toContainText(`target ${target} °C`);
    await expect(measured.locator("strong").first()).toHaveText(`${target} °C`);
    await expect(measured.locator(".convergence")).toHaveText("converging", { timeout: 30_000 });
    const start = Math.abs(numberIn((await measured.locator("strong").nth(1).textContent()) ?? "") - target);
    await expect
      .poll(
        async () =>
          Math.abs(numberIn((await measured.locator("strong").nth(1).textContent()) ?? "") - target),
        {
          timeout: 30_000,
        },
      )
      .toBeLessThan(start - 0.5);
  });

  test("a rule crossed for more than 3 s fires on the server and shows everywhere, and resolves when removed", async ({
    page,
    baseURL,
  }) => {
    const device = await firstThermostat(baseURL);
    const metric = device.metrics[0]!;
    await page.goto(`/#/devices/${device.id}?window=1m`);
    await expect(chartSummary(page, metric.label)).toContainText("Latest");
    // A high threshold far below the current value: the value is beyond it from now on.
    await setThresholds(page, metric.label, { low: "", high: String(metric.min) });
    const alerts = page.getByRole("list", { name: "Active alerts" });
    await expect(alerts).toContainText(`${metric.label} firing (warning)`, { timeout: 15_000 });
    await expect(page.getByRole("region", { name: "Device events" })).toContainText("Alert firing (warning)");
    await expect(page.locator(".device-head")).toContainText("Alert");

    await page.getByRole("link", { name: "Fleet overview" }).click();
    await expect(page.getByRole("article", { name: device.name })).toContainText("Alert");
    await page.goBack();

    await page
      .getByRole("region", { name: "Alert rules" })
      .getByRole("form", { name: new RegExp(metric.label) })
      .getByRole("button", { name: "Remove" })
      .click();
    await expect(page.getByRole("list", { name: "Active alerts" })).toHaveCount(0, { timeout: 10_000 });
    await expect(page.getByRole("region", { name: "Device events" })).toContainText("Alert resolved");
  });

  test("a threshold near the data is drawn on its chart, a far one is marked at the plot's edge", async ({
    page,
    baseURL,
  }) => {
    const device = await firstThermostat(baseURL);
    const metric = device.metrics[0]!;
    await page.goto(`/#/devices/${device.id}?window=1m`);
    const chart = page.getByRole("figure", { name: `${metric.label} (${metric.unit}) chart` });
    const highLine = chart.locator(".recharts-reference-line.threshold-line-high");
    const highMarker = chart.locator(".threshold-offchart-high");
    const number = "-?\\d+(?:\\.\\d+)?";

    // The defaults sit near the ends of the declared range, far from a room's temperature: the
    // chart keeps the data's resolution and says where they are at its edges.
    await expect(highMarker).toHaveText(new RegExp(`^high ${number} ${metric.unit} ↑ ${number} away$`));
    await expect(chart.locator(".threshold-offchart-low")).toHaveText(
      new RegExp(`^low ${number} ${metric.unit} ↓ ${number} away$`),
    );
    await expect(highLine).toHaveCount(0);

    // Wait for a window whose values spread a little, so "near" has a scale to be near on.
    const stats = page.getByLabel(`${metric.label} statistics over the window`);
    const stat = async (name: string) =>
      numberIn((await stats.locator(".stat-tile", { hasText: name }).locator("dd").textContent()) ?? "");
    await expect
      .poll(async () => (await stat("Max")) - (await stat("Min")), { timeout: 30_000 })
      .toBeGreaterThan(0.25);
    const min = await stat("Min");
    const max = await stat("Max");
    const round = (value: number) => Number(value.toFixed(1));

    // Saving scrolls the page to the rule's form; a chart out of view is not redrawn until it is back.
    const setAndShow = async (high: number) => {
      await setThresholds(page, metric.label, { low: "", high: String(high) });
      await chart.scrollIntoViewIfNeeded();
    };
    const near = round(max + 0.1);
    await setAndShow(near);
    await expect(highLine).toHaveCount(1);
    // recharts draws a reference line's label in a layer of its own, outside the line's group.
    await expect(chart.getByText(`high ${near}`, { exact: true })).toBeVisible();
    await expect(chart.locator(".threshold-offchart")).toHaveCount(0);

    const far = round(max + 100);
    await setAndShow(far);
    await expect(highMarker).toHaveText(new RegExp(`^high ${far} ${metric.unit} ↑ ${number} away$`));
    await expect(highLine).toHaveCount(0);

    // Just below every value: the line is drawn beyond the threshold, in the alert colour.
    const crossed = round(min - 0.3);
    await setAndShow(crossed);
    await expect(highLine).toHaveCount(1);
    await expect(chartSummary(page, metric.label)).toContainText(
      `Above the high threshold ${crossed} ${metric.unit}.`,
    );
    await expect(chart.locator(".threshold-zone-high")).toHaveCount(1);
    await expect(chart.locator("linearGradient stop").first()).toHaveAttribute(
      "stop-color",
      "var(--chart-threshold)",
    );
  });

  test("hovering a chart puts a dot on the line at the hovered sample, in the line's colour, until the pointer leaves", async ({
    page,
    baseURL,
  }) => {
    const device = await firstThermostat(baseURL);
    const metric = device.metrics[0]!;
    const chart = page.getByRole("figure", { name: `${metric.label} (${metric.unit}) chart` });
    const dot = chart.locator("circle.live-chart-active-dot");
    const canvas = chart.locator("canvas.live-line-canvas");
    const samples = page.getByText(/^\d+ samples? in window$/).first();

    const hoverAndCheck = async (colour: "--chart-line" | "--chart-threshold") => {
      // A line across much of the plot, so the hovered x has a sample.
      await expect.poll(() => liveLineInk(page)).toBeGreaterThan(200);
      const before = await svgShapes(chart);
      // Saving a rule scrolls the page down to its form.
      await chart.scrollIntoViewIfNeeded();
      const box = await canvas.boundingBox();
      if (!box) throw new Error("the line canvas has no box");
      const hoverX = box.x + box.width * 0.75;
      await page.mouse.move(hoverX, box.y + box.height / 2);
      await expect(dot).toHaveCount(1);
      // The tooltip still names the hovered value.
      await expect(chart.locator(".recharts-tooltip-wrapper")).toContainText(metric.label);
      const seen = await dotOnLine(chart);
      // On the line: the canvas has ink within a pixel or two of the dot's centre, ...
      expect(seen.distance).toBeLessThanOrEqual(2);
      expect(seen.alpha).toBeGreaterThan(200);
      // ... at the hovered x (the nearest sample: hundreds of them in a one-minute window) ...
      expect(Math.abs(seen.x - hoverX)).toBeLessThan(3);
      expect(seen.y).toBeGreaterThanOrEqual(box.y);
      expect(seen.y).toBeLessThanOrEqual(box.y + box.height);
      // ... in the colour the line has there, the theme's line or alert colour.
      expect(seen.fill).toBe(seen.ink);
      const themed = await page.evaluate((name) => {
        const probe = document.createElement("span");
        probe.style.color = `var(${name})`;
        document.body.append(probe);
        const resolved = getComputedStyle(probe).color;
        probe.remove();
        return resolved;
      }, colour);
      expect(seen.fill).toBe(themed);
      // One dot and recharts' cursor, not a shape per sample.
      const during = await svgShapes(chart);
      expect(during - before).toBeLessThanOrEqual(2);
      expect(during).toBeLessThan(numberIn((await samples.textContent()) ?? ""));
      test.info().annotations.push({
        type: "svg shapes",
        description: `${colour}: ${before} before hover, ${during} while hovered, ${await samples.textContent()}`,
      });

      await page.mouse.move(1, 1);
      await expect(dot).toHaveCount(0);
    };

    for (const scheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(`/#/devices/${device.id}?window=1m`);
      await expect(page.locator("html")).toHaveAttribute("data-theme", scheme);
      await expect(chartSummary(page, metric.label)).toContainText("Latest");
      await hoverAndCheck("--chart-line");
    }
    // A high threshold below every value: the whole line, and so its dot, take the alert colour.
    await setThresholds(page, metric.label, { low: "", high: String(metric.min) });
    await expect(chartSummary(page, metric.label)).toContainText("Above the high threshold");
    await hoverAndCheck("--chart-threshold");
  });

  test("has no serious accessibility violations", async ({ page, baseURL }) => {
    const device = await firstThermostat(baseURL);
    await page.goto(`/#/devices/${device.id}`);
    await expect(chartSummary(page, device.metrics[0]!.label)).toContainText("Latest");
    await expectNoSeriousA11yViolations(page);
  });

  test("says so when the device does not exist", async ({ page }) => {
    await page.goto("/#/devices/no-such-device");
    await expect(page.getByRole("heading", { name: "Device not found" })).toBeVisible();
    await expect(page.getByText("The server has no device with the id “no-such-device”.")).toBeVisible();
  });
});
