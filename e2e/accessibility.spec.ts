import { expect, test } from "@playwright/test";
import { expectNoSeriousA11yViolations, tabTo } from "./support/dashboard";
import { fetchWelcome } from "./support/fleetClient";

test("keyboard only: overview -> device -> send a command, with visible focus", async ({ page, baseURL }) => {
  const welcome = await fetchWelcome(baseURL ?? "");
  const device = welcome.fleet.find((entry) => entry.kind === "thermostat" && entry.online);
  if (!device) throw new Error("no online thermostat");
  await page.goto("/");
  await expect(page.getByRole("status")).toContainText("Live");

  // Filter with the keyboard: type into the search box, reached by Tab.
  const search = page.getByRole("searchbox", { name: "Search" });
  await tabTo(page, search);
  await page.keyboard.type(device.name);
  const link = page.getByRole("link", { name: device.name, exact: true });
  await tabTo(page, link);
  // Focus is visible: the focused link draws an outline.
  const outline = await link.evaluate((element) => getComputedStyle(element).outlineStyle);
  expect(outline).not.toBe("none");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: device.name })).toBeFocused();

  const form = page.getByRole("form", { name: "Set target temperature" });
  const input = form.getByRole("spinbutton");
  await tabTo(page, input);
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.type("23");
  await tabTo(page, form.getByRole("button", { name: "Set target temperature" }));
  await page.keyboard.press("Enter");
  await expect(
    page.getByRole("list", { name: "Command history" }).getByRole("listitem").first(),
  ).toContainText("Succeeded");

  // Back to the overview with the keyboard too.
  await page.keyboard.press("Shift+Tab");
  await page.goBack();
  await expect(page.getByRole("heading", { level: 1, name: "Fleet overview" })).toBeVisible();
});

test("the event log and the health panel have no serious accessibility violations", async ({ page }) => {
  await page.goto("/#/health");
  await expect(page.getByRole("status")).toContainText("Live");
  await expect(page.getByRole("heading", { level: 1, name: "Connection health" })).toBeVisible();
  await expect(page.getByText("Round-trip time")).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  await page.getByRole("link", { name: "Events" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Events" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Event log" }).getByRole("listitem").first()).toBeVisible();
  await expectNoSeriousA11yViolations(page);
});

test("the layout fits a 375 px phone without horizontal scrolling", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ viewport: { width: 375, height: 740 }, baseURL });
  const page = await context.newPage();
  const welcome = await fetchWelcome(baseURL ?? "");
  for (const path of ["/", `/#/devices/${welcome.fleet[0]?.id}`]) {
    await page.goto(path);
    await expect(page.getByRole("status")).toContainText("Live");
    await expect(page.locator("main h1")).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  }
  await context.close();
});
