import { expect, type Page, test } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./support/dashboard";
import { fetchWelcome } from "./support/fleetClient";

/** Fails the test when the page asks for a message a catalogue does not have. */
function failOnMissingMessages(page: Page): string[] {
  const missing: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error" && message.text().startsWith("Missing translation"))
      missing.push(message.text());
  });
  return missing;
}

/**
 * English words left in a zh-CN page's text: each run of Latin letters that is not data (device
 * names and ids, units) or a name that stays as it is (CSV, ID...).
 */
function englishWords(text: string, data: readonly string[]): string[] {
  let rest = text;
  for (const item of data) rest = rest.split(item).join(" ");
  const KEEP =
    /^(English|CSV|PNG|JSON|ID|URL|API|MQTT|WebSocket|npm|docs|SECURITY|md|kWh|km|rpm|bpm|hPa|kW|mm|min|ms)$/;
  return (rest.match(/[A-Za-z]{3,}/g) ?? []).filter((word) => !KEEP.test(word));
}

test.describe("in Simplified Chinese (a zh-CN browser)", () => {
  test.use({ locale: "zh-CN" });

  test("the overview speaks Chinese, sets <html lang>, shows no English and stays accessible", async ({
    page,
    baseURL,
  }) => {
    const missing = failOnMissingMessages(page);
    const welcome = await fetchWelcome(baseURL ?? "");
    await page.goto("/");
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
    await expect(page.getByRole("status")).toContainText("实时");
    await expect(page.getByRole("heading", { level: 1, name: "设备总览" })).toBeVisible();
    const summary = page.getByRole("list", { name: "设备概况" });
    await expect(summary.getByRole("button", { name: /设备/ })).toContainText(String(welcome.fleet.length));
    const thermostat = welcome.fleet.find((device) => device.kind === "thermostat");
    if (!thermostat) throw new Error("the seeded fleet has no thermostat");
    const card = page.getByRole("article", { name: thermostat.name });
    await expect(card).toContainText("温控器");
    await expect(card).toContainText("在线");
    await expect(card).toContainText("温度");
    expect(await card.getByRole("img").getAttribute("aria-label")).toBe("最近一分钟的温度");

    // The converted parts of the page: the header, the summary, the filters and the cards.
    const names = welcome.fleet.map((device) => device.name).sort((a, b) => b.length - a.length);
    for (const part of [
      page.getByRole("banner"),
      summary,
      page.getByRole("search"),
      page.getByRole("list", { name: "设备", exact: true }),
    ]) {
      expect(englishWords(await part.innerText(), names)).toEqual([]);
    }
    await expectNoSeriousA11yViolations(page);
    expect(missing).toEqual([]);
  });

  test("the header's switch changes to English, remembered across a reload, and back", async ({ page }) => {
    const missing = failOnMissingMessages(page);
    await page.goto("/");
    const language = page.getByRole("combobox", { name: "语言" });
    await expect(language).toHaveValue("zh-CN");
    await language.selectOption("en");
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByRole("heading", { level: 1, name: "Fleet overview" })).toBeVisible();
    await page.reload();
    await expect(page.getByRole("heading", { level: 1, name: "Fleet overview" })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await page.getByRole("combobox", { name: "Language" }).selectOption("zh-CN");
    await expect(page.getByRole("heading", { level: 1, name: "设备总览" })).toBeVisible();
    expect(await page.evaluate(() => localStorage.getItem("fleet.locale"))).toBe("zh-CN");
    expect(missing).toEqual([]);
  });
});

test("an English browser gets English, and the switch offers 简体中文", async ({ page }) => {
  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { level: 1, name: "Fleet overview" })).toBeVisible();
  const language = page.getByRole("combobox", { name: "Language" });
  await expect(language).toHaveValue("en");
  await expect(language.getByRole("option", { name: "简体中文" })).toHaveAttribute("lang", "zh-CN");
});
