import { readFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { ADMIN, startUserFleet, usersDir } from "./support/accessFleet";
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

/** A catalogue's words by message id; an id it lacks fails the test. */
function catalog(locale: string): (id: string) => string {
  const messages: Record<string, string> = JSON.parse(
    readFileSync(new URL(`../src/i18n/catalogs/${locale}.json`, import.meta.url), "utf8"),
  );
  return (id) => {
    const text = messages[id];
    if (text === undefined) throw new Error(`${locale} has no message ${id}`);
    return text;
  };
}
const en = catalog("en");
const zh = catalog("zh-CN");

/**
 * The pages of issues 14, 16 and 17 (sign-in, Compare, Views, Events, Health, Audit), in both
 * themes and both languages: axe finds nothing serious. An admin signs in so the Audit page shows.
 */
for (const [locale, words] of [
  ["en", en],
  ["zh-CN", zh],
] as const) {
  test.describe(`in ${locale}`, () => {
    test.use({ locale });

    test(`the issue 14, 16 and 17 pages have no serious violations in either theme (${locale})`, async ({
      page,
    }) => {
      test.setTimeout(180_000);
      const users = await usersDir([ADMIN]);
      const fleet = await startUserFleet(users);
      const inBothThemes = async () => {
        const toggle = page.getByRole("button", { name: words("header.darkTheme") });
        for (const dark of [false, true]) {
          if ((await toggle.getAttribute("aria-pressed")) !== String(dark)) await toggle.click();
          await expect(page.locator("html")).toHaveAttribute("data-theme", dark ? "dark" : "light");
          await expectNoSeriousA11yViolations(page);
        }
      };
      try {
        await page.goto(fleet.server.url);
        await expect(page.locator("html")).toHaveAttribute("lang", locale);
        await expect(page.getByRole("heading", { level: 1, name: words("signIn.title") })).toBeVisible();
        await inBothThemes();
        const form = page.getByRole("form", { name: words("signIn.withPassword") });
        await form.getByLabel(words("signIn.userName")).fill(ADMIN.name);
        await form.getByLabel(words("signIn.password")).fill(ADMIN.password);
        await form.getByRole("button", { name: words("signIn.submit") }).click();
        await expect(page.getByRole("status").filter({ hasText: words("connection.live") })).toBeVisible();
        const pages: [string, string][] = [
          ["#/compare", words("compare.docTitle")],
          ["#/views", words("views.title")],
          ["#/events", words("events.title")],
          ["#/health", words("health.title")],
          ["#/audit", words("audit.title")],
        ];
        for (const [hash, heading] of pages) {
          await page.goto(`${fleet.server.url}/${hash}`);
          await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
          // Loaded, not a loading placeholder: the page's lists or answers are in.
          await expect(page.getByText(words("views.loading"))).toHaveCount(0);
          await expect(page.getByText(words("events.loading"))).toHaveCount(0);
          await inBothThemes();
        }
      } finally {
        await fleet.close();
        await rm(users, { recursive: true, force: true });
      }
    });
  });
}
