/**
 * The main journeys in a Simplified Chinese browser (a smoke run): a device view with a command,
 * the Alerts page, and sign-in. Each fails on a message missing from a catalogue, and the
 * converted parts of each page must show no English words but data.
 */
import { rm } from "node:fs/promises";
import { expect, type Page, test } from "@playwright/test";
import { ADMIN, OPERATOR, startUserFleet, usersDir } from "./support/accessFleet";
import { createRule } from "./support/alertRules";
import { expectNoSeriousA11yViolations } from "./support/dashboard";
import { fetchWelcome } from "./support/fleetClient";

test.use({ locale: "zh-CN" });

function failOnMissingMessages(page: Page): string[] {
  const missing: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error" && message.text().startsWith("Missing translation"))
      missing.push(message.text());
  });
  return missing;
}

/** Latin words in `text` once data (device names and ids, user names) and kept names are removed. */
function englishWords(text: string, data: readonly string[]): string[] {
  let rest = text;
  for (const item of [...data].sort((a, b) => b.length - a.length)) rest = rest.split(item).join(" ");
  const KEEP = /^(English|Webhook|CSV|PNG|JSON|HTTP|ID|URL|API|KiB|hPa|bpm|min|ms)$/;
  return (rest.match(/[A-Za-z]{3,}/g) ?? []).filter((word) => !KEEP.test(word));
}

async function thermostatOf(baseURL: string) {
  const welcome = await fetchWelcome(baseURL);
  const device = welcome.fleet.find((d) => d.kind === "thermostat" && d.online);
  if (!device) throw new Error("the seeded fleet has no online thermostat");
  return { device, names: welcome.fleet.flatMap((d) => [d.name, d.id]) };
}

test("a device view and a command, in Chinese", async ({ page, baseURL }) => {
  const missing = failOnMissingMessages(page);
  const { device, names } = await thermostatOf(baseURL ?? "");
  await page.goto(`/#/devices/${device.id}?window=1m`);
  await expect(page.getByRole("heading", { level: 1, name: device.name })).toBeVisible();
  await expect(
    page.getByRole("navigation", { name: "时间窗" }).getByRole("link", { name: "5 分钟", exact: true }),
  ).toBeVisible();
  const chart = page.getByRole("region", { name: "温度 (°C)" });
  await expect(chart.getByText("平均")).toBeVisible();
  await expect(chart.getByRole("button", { name: "将温度图表导出为 PNG" })).toBeVisible();

  const form = page.getByRole("form", { name: "设置目标温度" });
  await form.getByRole("spinbutton").fill("21");
  await form.getByRole("button", { name: "设置目标温度" }).click();
  const timeline = page.getByRole("list", { name: "命令记录" });
  await expect(timeline.getByRole("listitem").first()).toContainText("成功");

  const rules = page.getByRole("region", { name: "告警规则" });
  await expect(rules.getByText(/此设备的规则|所有温控器的规则|默认（典型范围）/).first()).toBeVisible();
  for (const part of [page.locator(".device-head"), chart, timeline.getByRole("listitem").first(), rules]) {
    // "anonymous" is the server's name for whoever sends on an open server: data, as a user name is.
    const words = englishWords(await part.innerText(), [...names, "anonymous"]);
    expect(words).toEqual([]);
  }
  await expectNoSeriousA11yViolations(page);
  expect(missing).toEqual([]);
});

test("the Alerts page, in Chinese", async ({ page, baseURL }) => {
  const missing = failOnMissingMessages(page);
  const base = baseURL ?? "";
  const { device, names } = await thermostatOf(base);
  await createRule(base, {
    name: "e2e: zh above freezing",
    scope: { device: device.id },
    metric: "temperature",
    op: "above",
    threshold: 0,
    forSeconds: 0,
    severity: "critical",
  });
  await page.goto("/");
  await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "告警" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "告警" })).toBeVisible();
  await page.getByLabel("设备", { exact: true }).selectOption(device.id);
  const active = page.getByRole("table", { name: "当前告警" });
  const row = active.getByRole("row").filter({ hasText: "温度" }).first();
  await expect(row).toContainText("触发中", { timeout: 20_000 });
  await expect(row).toContainText("严重");
  await expect(row.getByRole("button", { name: `确认 ${device.name} 的温度告警` }).first()).toBeVisible();
  expect(englishWords(await active.innerText(), names)).toEqual([]);
  await expectNoSeriousA11yViolations(page);
  expect(missing).toEqual([]);
});

test("sign-in, in Chinese", async ({ page }) => {
  const missing = failOnMissingMessages(page);
  const users = await usersDir([OPERATOR]);
  const fleet = await startUserFleet(users);
  try {
    await page.goto(fleet.server.url);
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
    await expect(page.getByRole("heading", { level: 1, name: "登录设备监控面板" })).toBeVisible();
    const form = page.getByRole("form", { name: "使用用户名登录" });
    expect(englishWords(await page.locator("main").innerText(), [])).toEqual([]);
    await expectNoSeriousA11yViolations(page);
    await form.getByLabel("用户名").fill(OPERATOR.name);
    await form.getByLabel("密码").fill("not-the-password");
    await form.getByRole("button", { name: "登录" }).click();
    await expect(form.getByRole("alert")).toHaveText("用户名或密码错误。");
    await form.getByLabel("密码").fill(OPERATOR.password);
    await form.getByRole("button", { name: "登录" }).click();
    await expect(page.getByRole("status")).toContainText("实时");
    await expect(page.getByRole("banner")).toContainText(`${OPERATOR.name} 操作员`);
    await expect(page.getByRole("button", { name: "退出登录" })).toBeVisible();
    expect(missing).toEqual([]);
  } finally {
    await fleet.close();
    await rm(users, { recursive: true, force: true });
  }
});

test("the Events, Health, Compare and Views pages, in Chinese", async ({ page, baseURL }) => {
  const missing = failOnMissingMessages(page);
  const { names } = await thermostatOf(baseURL ?? "");
  const pages: [string, string, string][] = [
    ["#/events", "事件", "select"],
    ["#/health", "连接状况", ".health-grid dt"],
    ["#/compare", "对比", ".compare-page"],
    ["#/views", "已保存的视图", ".views-page > p"],
  ];
  for (const [hash, heading, converted] of pages) {
    await page.goto(`/${hash}`);
    await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
    // The words the dashboard writes (filters, terms, hints), not the server's log lines.
    const text = (await page.locator(converted).allInnerTexts()).join(" ");
    expect(englishWords(text, names), hash).toEqual([]);
    await expectNoSeriousA11yViolations(page);
  }
  expect(missing).toEqual([]);
});

test("the logbook, this tab's event log and the audit trail, in Chinese", async ({ page, baseURL }) => {
  test.setTimeout(120_000);
  const missing = failOnMissingMessages(page);
  const users = await usersDir([ADMIN]);
  const fleet = await startUserFleet(users);
  try {
    // The same seed as the shared server, so the same fleet (this one needs a sign-in to ask).
    const { device, names } = await thermostatOf(baseURL ?? "");
    await page.goto(fleet.server.url);
    const form = page.getByRole("form", { name: "使用用户名登录" });
    await form.getByLabel("用户名").fill(ADMIN.name);
    await form.getByLabel("密码").fill(ADMIN.password);
    await form.getByRole("button", { name: "登录" }).click();
    await expect(page.getByRole("status").filter({ hasText: "实时" })).toBeVisible();
    // A command, so the logbook and the audit trail both have a line with a code and params.
    await page.goto(`${fleet.server.url}/#/devices/${device.id}`);
    const command = page.getByRole("form", { name: "设置目标温度" });
    await command.getByRole("spinbutton").fill("22");
    await command.getByRole("button", { name: "设置目标温度" }).click();
    await expect(page.getByRole("list", { name: "命令记录" }).getByRole("listitem").first()).toContainText(
      "成功",
    );

    await page.goto(`${fleet.server.url}/#/events`);
    const logbook = page.locator("#logbook-title").locator("xpath=ancestor::section[1]");
    // The server's start and the command, in Chinese (the wire's text is English).
    await expect(logbook.getByText("服务器已启动").first()).toBeVisible();
    await expect(logbook.getByText(/发送的设置目标温度：已完成/).first()).toBeVisible();
    const lines = (await logbook.locator(".event-message").allInnerTexts()).join(" ");
    expect(englishWords(lines, [...names, ADMIN.name]), "logbook").toEqual([]);
    const thisTab = page.locator("#events-title").locator("xpath=ancestor::section[1]");
    await expect(thisTab.getByText("已连接：实时数据").first()).toBeVisible();
    const tabLines = (await thisTab.locator(".event-item").allInnerTexts()).join(" ");
    expect(englishWords(tabLines, names), "this tab").toEqual([]);

    await page.goto(`${fleet.server.url}/#/audit`);
    const audit = page.getByRole("list", { name: "审计记录" });
    await expect(audit.getByText(/登录/).first()).toBeVisible();
    await expect(audit.getByText(/设置目标温度.*成功/).first()).toBeVisible();
    const auditLines = (await audit.locator(".event-message").allInnerTexts()).join(" ");
    // The address a sign-in came from is data (`::ffff:127.0.0.1`), and `cli` the users command line.
    expect(englishWords(auditLines, [...names, ADMIN.name, "ffff", "cli"]), "audit").toEqual([]);
    await expectNoSeriousA11yViolations(page);
    expect(missing).toEqual([]);
  } finally {
    await fleet.close();
    await rm(users, { recursive: true, force: true });
  }
});
