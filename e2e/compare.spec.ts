import { expect, type Page, test } from "@playwright/test";
import type { DeviceInfo } from "../src/protocol/messages";
import { expectNoSeriousA11yViolations } from "./support/dashboard";
import { fetchWelcome } from "./support/fleetClient";

const legendRows = (page: Page) => page.getByRole("table", { name: "Compared series" }).locator("tbody tr");

async function thermostats(baseURL: string): Promise<[DeviceInfo, DeviceInfo]> {
  const welcome = await fetchWelcome(baseURL);
  const found = welcome.fleet.filter((d) => d.kind === "thermostat");
  if (found.length < 2) throw new Error("the seeded fleet has fewer than two thermostats");
  return [found[0] as DeviceInfo, found[1] as DeviceInfo];
}

test.describe("compare", () => {
  test("compares two devices picked on the overview, and the link reproduces it", async ({
    page,
    context,
    baseURL,
  }) => {
    const [a, b] = await thermostats(baseURL ?? "");
    await page.goto("/");
    await expect(page.getByRole("status")).toContainText("Live");
    await page.getByRole("searchbox", { name: "Search" }).fill("thermo");
    await page.getByRole("checkbox", { name: `Compare ${a.name}` }).check();
    await page.getByRole("checkbox", { name: `Compare ${b.name}` }).check();
    const bar = page.getByRole("region", { name: "Devices picked to compare" });
    await expect(bar).toContainText("2 devices picked");
    await bar.getByRole("link", { name: "Compare these 2" }).click();

    await expect(page).toHaveURL(/#\/compare\?s=/);
    await expect(page.getByRole("heading", { name: "Compare", level: 1 })).toBeVisible();
    const rows = legendRows(page);
    await expect(rows).toHaveCount(2);
    await expect(rows.nth(0)).toContainText(`${a.name} · Temperature`);
    await expect(rows.nth(1)).toContainText(`${b.name} · Temperature`);
    // Each legend row shows its series' current value with the unit, and one axis for one unit.
    for (const i of [0, 1])
      await expect(rows.nth(i).locator(".compare-current")).toHaveText(/^-?\d+(\.\d+)? °C$/);
    await expect(rows.nth(1)).toContainText("left axis (°C)");
    // One chart, two lines, told apart by dash pattern as well as colour.
    const chart = page.getByRole("region", { name: "°C chart" });
    await expect(chart).toHaveCount(1);
    const lines = chart.locator(".compare-line path.recharts-curve");
    await expect(lines).toHaveCount(2);
    await expect(lines.nth(0)).toHaveAttribute("d", /M.+L/);
    await expect(lines.nth(1)).toHaveAttribute("stroke-dasharray", "8 4");
    // Pointing at the chart reads every series at that time.
    await chart.locator(".live-chart-plot").hover({ position: { x: 400, y: 100 } });
    const readout = chart.locator(".compare-readout");
    await expect(readout).toContainText(new RegExp(`${a.name} · Temperature: -?\\d+(\\.\\d+)? °C`));
    await expect(readout).toContainText(new RegExp(`${b.name} · Temperature: -?\\d+(\\.\\d+)? °C`));

    // The link alone reproduces the comparison in a fresh tab.
    const other = await context.newPage();
    await other.goto(page.url());
    await expect(legendRows(other)).toHaveCount(2);
    await expect(legendRows(other).nth(1)).toContainText(`${b.name} · Temperature`);
    await expect(other.getByRole("link", { name: "5 min", exact: true })).toHaveAttribute(
      "aria-current",
      "true",
    );
  });

  test("gives a second unit the right axis and a third unit a chart of its own", async ({
    page,
    baseURL,
  }) => {
    const welcome = await fetchWelcome(baseURL ?? "");
    const [a] = await thermostats(baseURL ?? "");
    // Two more units from any devices: found by search, as a person would.
    const units = new Set([a.metrics[0]?.unit]);
    const extra: { device: DeviceInfo; label: string }[] = [];
    for (const device of welcome.fleet)
      for (const metric of device.metrics)
        if (!units.has(metric.unit) && extra.length < 2) {
          units.add(metric.unit);
          extra.push({ device, label: `${device.name} · ${metric.label} (${metric.unit})` });
        }
    await page.goto(`/#/devices/${encodeURIComponent(a.id)}`);
    await page.getByRole("link", { name: "Compare with…" }).click();
    await expect(legendRows(page)).toHaveCount(1);
    const search = page.getByRole("searchbox", { name: /Add a series/ });
    for (const { device, label } of extra) {
      await search.fill(device.name);
      await page.getByRole("button", { name: `Add ${label}` }).click();
    }
    await expect(legendRows(page)).toHaveCount(3);
    await expect(legendRows(page).nth(1)).toContainText("right axis");
    await expect(legendRows(page).nth(2)).toContainText("chart 2, left axis");
    await expect(page.locator(".compare-panel")).toHaveCount(2);

    await page.getByRole("button", { name: `Remove ${extra[1]?.label.replace(/ \(.*\)$/, "")}` }).click();
    await expect(legendRows(page)).toHaveCount(2);
    await expect(page.locator(".compare-panel")).toHaveCount(1);
  });

  test("draws a long window from history, and a drag zooms into a range kept in the URL", async ({
    page,
    baseURL,
  }) => {
    const [a, b] = await thermostats(baseURL ?? "");
    await page.goto(`/#/compare?s=${a.id}%3Atemperature&s=${b.id}%3Ahumidity&window=1h`);
    await expect(page.locator(".compare-charts")).toHaveAttribute("data-history-state", "ready");
    const lines = page.locator(".compare-line path.recharts-curve");
    await expect(lines).toHaveCount(2);
    await expect(lines.first()).toHaveAttribute("d", /M.+L/);
    const plot = page.locator(".compare-panel .live-chart-plot");
    const box = await plot.boundingBox();
    if (!box) throw new Error("the chart has no box");
    await page.mouse.move(box.x + box.width * 0.4, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.6, box.y + box.height / 2, { steps: 5 });
    await page.mouse.up();
    await expect(page).toHaveURL(/window=1h&from=\d+&to=\d+$/);
    await expect(page.getByText(/^Showing .+ to .+$/)).toBeVisible();
    await expect(page.locator(".compare-charts")).toHaveAttribute("data-history-state", "ready");
    await page.getByRole("link", { name: "Back to live" }).click();
    await expect(page).toHaveURL(/window=1h$/);
    await expect(legendRows(page)).toHaveCount(2);
  });

  test("is accessible in both themes", async ({ page, baseURL }) => {
    const [a, b] = await thermostats(baseURL ?? "");
    await page.goto(`/#/compare?s=${a.id}:temperature&s=${b.id}:temperature&s=nowhere:x&window=1m`);
    await expect(legendRows(page)).toHaveCount(3);
    await expect(legendRows(page).nth(2)).toContainText("No device “nowhere” in this fleet");
    await expect(page.locator(".compare-line path.recharts-curve")).toHaveCount(2);
    await expectNoSeriousA11yViolations(page);
    await page.getByRole("button", { name: "Dark theme" }).click();
    await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
    await expectNoSeriousA11yViolations(page);
    // A phone: the page fits its width (the legend scrolls in its own box if it must).
    await page.setViewportSize({ width: 375, height: 800 });
    await expect
      .poll(() =>
        page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth),
      )
      .toBe(0);
  });
});
