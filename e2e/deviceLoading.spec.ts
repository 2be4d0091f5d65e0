import { gzipSync } from "node:zlib";
import { type APIRequestContext, expect, type Page, type Route, test } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./support/dashboard";
import { fetchWelcome } from "./support/fleetClient";
import { liveLineInk } from "./support/liveLine";

// A class name recharts writes into every chart's wrapper: a script carrying it carries recharts.
const CHART_CODE = "recharts-wrapper";
// Vite warns about chunks over 500 kB; the start page's scripts together stay under it.
const OVERVIEW_JS_BUDGET = 500_000;

// What the start page downloads before its first render, in gzip bytes (docs/PERFORMANCE.md,
// "What the start page downloads"): the scripts and the catalogue part the first render waits for.
const START_PAGE_GZIP_BUDGET = 95_000;

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

/**
 * The scripts the page requested before React first drew into #root, by path: the entry, its
 * modulepreloads and the catalogue part the first render waits for. Scripts a rendered page asks
 * for (a prefetched device view, a page's catalogue part) start later, so the list does not
 * depend on timing.
 */
async function scriptsBeforeFirstRender(page: Page): Promise<string[]> {
  const firstRender = await page.evaluate(() => (window as { __firstRender?: number }).__firstRender);
  expect(firstRender, "the first render's time").toBeGreaterThan(0);
  return page.evaluate(
    (before) =>
      performance
        .getEntriesByType("resource")
        .filter((entry) => entry.startTime < before && new URL(entry.name).pathname.endsWith(".js"))
        .map((entry) => new URL(entry.name).pathname),
    firstRender as number,
  );
}

/** Notes the time React first draws into #root, as `window.__firstRender`. */
async function markFirstRender(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const observer = new MutationObserver(() => {
      if (!document.getElementById("root")?.firstElementChild) return;
      (window as { __firstRender?: number }).__firstRender = performance.now();
      observer.disconnect();
    });
    observer.observe(document, { childList: true, subtree: true });
  });
}

/** gzip bytes of each script, as served (the server sends them uncompressed), at zlib's default level. */
async function gzipBytes(request: APIRequestContext, paths: string[]): Promise<Map<string, number>> {
  const sizes = new Map<string, number>();
  for (const path of paths) {
    const response = await request.get(path);
    expect(response.ok(), path).toBe(true);
    sizes.set(path, gzipSync(await response.body()).length);
  }
  return sizes;
}

async function onlineThermostat(baseURL: string | undefined) {
  const welcome = await fetchWelcome(baseURL ?? "");
  const device = welcome.fleet.find((entry) => entry.kind === "thermostat" && entry.online);
  if (!device) throw new Error("the seeded fleet has no online thermostat");
  return device;
}

for (const locale of ["en", "zh-CN"] as const) {
  test.describe(`the start page's scripts (${locale})`, () => {
    test.use({ locale });

    test(`what the overview downloads before its first render stays within ${START_PAGE_GZIP_BUDGET} B gzip`, async ({
      page,
      request,
    }) => {
      await markFirstRender(page);
      await page.goto("/");
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      const scripts = await scriptsBeforeFirstRender(page);
      // The catalogue part the first render waits for is counted, and only that part.
      expect(scripts.filter((path) => path.includes("/catalog-"))).toEqual([
        expect.stringContaining(`/catalog-${locale}-start-`),
      ]);
      const sizes = await gzipBytes(request, scripts);
      const total = [...sizes.values()].reduce((sum, bytes) => sum + bytes, 0);
      const table = [...sizes].map(([path, bytes]) => `${path} ${bytes}`).join(", ");
      expect(total, `gzip bytes before the first render: ${table}`).toBeLessThanOrEqual(
        START_PAGE_GZIP_BUDGET,
      );
    });
  });
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
    // The live line is drawn on a canvas: some of its columns have ink.
    await expect.poll(() => liveLineInk(page)).toBeGreaterThan(5);
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
