import { expect, type Page, type Route, test } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./support/dashboard";
import { fetchWelcome } from "./support/fleetClient";

// A class name recharts writes into every chart's wrapper: a script carrying it carries recharts.
const CHART_CODE = "recharts-wrapper";
// Vite warns about chunks over 500 kB; the start page's scripts together stay under it.
const OVERVIEW_JS_BUDGET = 500_000;

interface Script {
  path: string;
  bytes: number;
  chartCode: boolean;
}

/** Records every script the page downloads; the returned function resolves to them. */
function recordScripts(page: Page): () => Promise<Script[]> {
  const scripts: Promise<Script>[] = [];
  page.on("response", (response) => {
    const path = new URL(response.url()).pathname;
    if (!path.endsWith(".js")) return;
    scripts.push(
      response.body().then((body) => ({ path, bytes: body.length, chartCode: body.includes(CHART_CODE) })),
    );
  });
  return () => Promise.all(scripts);
}

/** Lets `decide` answer for the script that carries the charts; every other script is served as is. */
async function interceptChartScript(page: Page, decide: (route: Route) => Promise<void>): Promise<void> {
  await page.route(/\/assets\/[^/]+\.js$/, async (route) => {
    const response = await route.fetch();
    const body = await response.body();
    if (body.includes(CHART_CODE)) await decide(route);
    else await route.fulfill({ response, body });
  });
}

async function onlineThermostat(baseURL: string | undefined) {
  const welcome = await fetchWelcome(baseURL ?? "");
  const device = welcome.fleet.find((entry) => entry.kind === "thermostat" && entry.online);
  if (!device) throw new Error("the seeded fleet has no online thermostat");
  return device;
}

test.describe("loading the device view", () => {
  test("the overview downloads no chart code until a device is about to be opened", async ({
    page,
    baseURL,
  }) => {
    const device = await onlineThermostat(baseURL);
    const scripts = recordScripts(page);
    await page.goto("/");
    await expect(page.getByRole("status")).toContainText("Live");
    const card = page.getByRole("article", { name: device.name });
    await expect(card.locator(".sparkline path")).toHaveAttribute("d", /M.+L/);
    await page.waitForLoadState("networkidle");

    const overview = await scripts();
    expect(overview.length).toBeGreaterThan(0);
    expect(overview.filter((script) => script.chartCode)).toEqual([]);
    const bytes = overview.reduce((sum, script) => sum + script.bytes, 0);
    expect(bytes, `the overview's scripts: ${overview.map((s) => s.path).join(", ")}`).toBeLessThan(
      OVERVIEW_JS_BUDGET,
    );

    // Pointing at a device starts the download; opening it then shows the charts.
    const link = card.getByRole("link", { name: device.name, exact: true });
    const chartChunk = page.waitForResponse(
      async (response) => response.url().endsWith(".js") && (await response.body()).includes(CHART_CODE),
      { timeout: 15_000 },
    );
    await link.hover();
    await chartChunk;
    await link.click();
    await expect(page.getByRole("heading", { level: 1, name: device.name })).toBeFocused();
    await expect(page.locator(".recharts-line-curve").first()).toHaveAttribute("d", /M.+L/);
  });

  test("a deep link to a device opens its view, as a hash or as a path", async ({ page, baseURL }) => {
    const device = await onlineThermostat(baseURL);
    const metric = device.metrics[0]!;
    for (const link of [`/#/devices/${device.id}?window=1m`, `/devices/${device.id}?window=1m`]) {
      await page.goto(link);
      await expect(page.getByRole("heading", { level: 1, name: device.name })).toBeVisible();
      await expect(
        page.getByRole("figure", { name: `${metric.label} (${metric.unit}) chart` }),
      ).toBeVisible();
      await expect(page.getByRole("link", { name: "1 min" })).toHaveAttribute("aria-current", "true");
    }
  });

  test("while the view downloads it says so, then focus lands on the device's heading", async ({
    page,
    baseURL,
  }) => {
    const device = await onlineThermostat(baseURL);
    let release = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    await interceptChartScript(page, async (route) => {
      await released;
      await route.continue();
    });
    await page.goto("/");
    await expect(page.getByRole("status")).toContainText("Live");
    // By keyboard: focusing the link starts the (held) download, Enter opens the device.
    await page.getByRole("link", { name: device.name, exact: true }).focus();
    await page.keyboard.press("Enter");

    const loading = page.getByRole("region", { name: "Device view" });
    await expect(loading).toHaveAttribute("aria-busy", "true");
    await expect(loading).toHaveText("Loading device view…");
    release();
    await expect(page.getByRole("heading", { level: 1, name: device.name })).toBeFocused();
    await expect(loading).toHaveCount(0);
  });

  test("a view that cannot be downloaded says so in words, and Retry loads it", async ({ page, baseURL }) => {
    const device = await onlineThermostat(baseURL);
    let redeployed = true;
    // After a redeploy the old chunk is gone: the server answers 404 (a server behind a CDN or
    // another SPA host may answer with index.html instead, which fails the same way).
    await interceptChartScript(page, async (route) => {
      if (redeployed)
        await route.fulfill({
          status: 404,
          contentType: "text/plain",
          body: "not found: /assets/DeviceView.js",
        });
      else await route.continue();
    });
    await page.goto("/");
    await expect(page.getByRole("status")).toContainText("Live");
    await page.getByRole("link", { name: device.name, exact: true }).click();

    await expect(
      page.getByRole("heading", { level: 1, name: "The device view could not be loaded" }),
    ).toBeFocused();
    await expect(page.getByRole("alert")).toContainText("reload the page to get the new version");
    await expect(page.getByRole("button", { name: "Reload the page" })).toBeVisible();
    await expectNoSeriousA11yViolations(page);

    redeployed = false;
    await page.getByRole("button", { name: "Retry" }).click();
    await expect(page.getByRole("heading", { level: 1, name: device.name })).toBeFocused();
    const metric = device.metrics[0]!;
    await expect(page.getByRole("figure", { name: `${metric.label} (${metric.unit}) chart` })).toBeVisible();
  });
});
