import { readFile } from "node:fs/promises";
import { expect, type Page, test } from "@playwright/test";
import type { DeviceInfo } from "../src/protocol/messages";
import { expectNoSeriousA11yViolations } from "./support/dashboard";
import { fetchWelcome } from "./support/fleetClient";

const unique = (what: string) => `${what} ${Date.now().toString(36)}`;
const rowOf = (page: Page, name: string) =>
  page.getByRole("row").filter({ has: page.getByRole("rowheader", { name }) });

async function twoThermostats(baseURL: string): Promise<DeviceInfo[]> {
  const welcome = await fetchWelcome(baseURL);
  return welcome.fleet.filter((d) => d.kind === "thermostat").slice(0, 2);
}

/** Deletes what a test saved and clears the home view, so other specs still open on the overview. */
async function cleanUp(page: Page, baseURL: string, names: string[]): Promise<void> {
  const list = (await (await page.request.get(`${baseURL}/api/views`)).json()) as {
    views: { id: string; name: string }[];
    home: string | null;
  };
  if (list.home) await page.request.delete(`${baseURL}/api/views/${list.home}/home`);
  for (const view of list.views)
    if (names.includes(view.name)) await page.request.delete(`${baseURL}/api/views/${view.id}`);
}

test.describe("saved views", () => {
  test("saves a comparison, opens it from the list, and makes it the home page", async ({
    page,
    baseURL,
  }) => {
    // Three pages and their charts: on a loaded machine this takes longer than most tests.
    test.setTimeout(120_000);
    const [a, b] = await twoThermostats(baseURL ?? "");
    const name = unique("Thermostats");
    const state = `#/compare?s=${a?.id}%3Atemperature&s=${b?.id}%3Atemperature&window=15m`;
    try {
      await page.goto(`/${state}`);
      await expect(page.getByRole("table", { name: "Compared series" }).locator("tbody tr")).toHaveCount(2);
      await page.getByRole("button", { name: "Save view" }).click();
      await page.getByRole("textbox", { name: "View name" }).fill(name);
      await page.getByRole("button", { name: "Save for the team" }).click();
      await expect(page.getByRole("status").filter({ hasText: `Saved “${name}”` })).toBeVisible();

      await page.getByRole("link", { name: "Views", exact: true }).click();
      const row = rowOf(page, name);
      await expect(row).toContainText("Comparison");
      await expect(row).toContainText("anonymous");
      await row.getByRole("button", { name: `Favourite ${name}` }).click();
      await expect(row.getByRole("button", { name: `Favourite ${name}` })).toHaveAttribute(
        "aria-pressed",
        "true",
      );
      await row.getByRole("button", { name: `Home page ${name}` }).click();
      await expect(row).toContainText("(home page)");

      await row.getByRole("link", { name }).click();
      await expect(page).toHaveURL(new RegExp(`${state.replace(/[?]/g, "\\?")}$`));
      await expect(page.getByRole("table", { name: "Compared series" }).locator("tbody tr")).toHaveCount(2);

      // The dashboard opened at its root shows the home view; the Fleet link still leads to the overview.
      await page.goto("/");
      await expect(page).toHaveURL(/#\/compare\?s=/);
      await page.getByRole("link", { name: "Fleet", exact: true }).click();
      await expect(page.getByRole("heading", { name: "Fleet overview" })).toBeVisible();
    } finally {
      await cleanUp(page, baseURL ?? "", [name]);
    }
  });

  test("saves the overview's filter as a view and opens it", async ({ page, baseURL }) => {
    const name = unique("Meters only");
    try {
      await page.goto("/");
      await page.getByLabel("Kind").selectOption("meter");
      await expect(page).toHaveURL(/#\/\?kind=meter$/);
      await page.getByRole("button", { name: "Save view" }).click();
      await page.getByRole("textbox", { name: "View name" }).fill(name);
      await page.getByRole("button", { name: "Save for the team" }).click();
      await expect(page.getByRole("status").filter({ hasText: `Saved “${name}”` })).toBeVisible();
      await page.getByLabel("Kind").selectOption("");
      await page.getByRole("link", { name: "Views", exact: true }).click();
      const row = rowOf(page, name);
      await expect(row).toContainText("Fleet overview");
      await row.getByRole("link", { name }).click();
      await expect(page).toHaveURL(/#\/\?kind=meter$/);
      await expect(page.getByLabel("Kind")).toHaveValue("meter");
    } finally {
      await cleanUp(page, baseURL ?? "", [name]);
    }
  });

  test("imports a view file, names the field of a bad one, exports and deletes", async ({
    page,
    baseURL,
  }) => {
    const [a] = await twoThermostats(baseURL ?? "");
    const name = unique("Imported");
    const renamed = `${name} (renamed)`;
    const file = (body: unknown, fileName = "view.json") => ({
      name: fileName,
      mimeType: "application/json",
      buffer: Buffer.from(typeof body === "string" ? body : JSON.stringify(body)),
    });
    const good = {
      format: "fleet-dashboard/view",
      version: 1,
      name,
      kind: "device",
      state: `#/devices/${a?.id}?window=1h`,
    };
    try {
      await page.goto("/#/views");
      const input = page.getByLabel("Import a view (JSON file)");
      await input.setInputFiles(file({ dashboard: { panels: [] } }, "grafana.json"));
      await expect(page.getByRole("alert")).toHaveText(
        'grafana.json was not imported: format: expected "fleet-dashboard/view" (this is not a saved view)',
      );
      await input.setInputFiles(file({ ...good, state: "#/devices/ghost-42" }));
      await expect(page.getByRole("alert")).toHaveText(
        'view.json was not imported: state: no device "ghost-42" in this fleet',
      );
      await input.setInputFiles(file({ ...good, kind: "panel" }));
      await expect(page.getByRole("alert")).toContainText("kind: expected one of overview, device, compare");

      await input.setInputFiles(file(good));
      await expect(page.getByRole("status").filter({ hasText: `Imported “${name}”` })).toBeVisible();
      await expect(rowOf(page, name)).toContainText("Device view");
      await rowOf(page, name)
        .getByRole("button", { name: `Rename ${name}` })
        .click();
      await page.getByRole("textbox", { name: `New name for ${name}` }).fill(renamed);
      await page.getByRole("button", { name: "Save name" }).click();
      const row = rowOf(page, renamed);
      await expect(row).toContainText("Device view");
      await expect(page.getByRole("rowheader", { name, exact: true })).toHaveCount(0);
      const download = page.waitForEvent("download");
      await row.getByRole("button", { name: `Export ${renamed} JSON` }).click();
      const exported = JSON.parse(await readFile((await (await download).path()) as string, "utf8"));
      expect(exported).toEqual({ ...good, name: renamed });

      await expectNoSeriousA11yViolations(page);
      await page.getByRole("button", { name: "Dark theme" }).click();
      await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
      await expectNoSeriousA11yViolations(page);

      await row.getByRole("button", { name: `Delete ${renamed}` }).click();
      await page.getByRole("dialog").getByRole("button", { name: "Delete view" }).click();
      await expect(rowOf(page, renamed)).toHaveCount(0);
    } finally {
      await cleanUp(page, baseURL ?? "", [name, renamed]);
    }
  });
});
