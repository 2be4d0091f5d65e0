import { expect, type Page, test } from "@playwright/test";
import { createRule, deleteStoredRules, listAlerts, listRules } from "./support/alertRules";
import { expectNoSeriousA11yViolations } from "./support/dashboard";
import { fetchWelcome } from "./support/fleetClient";

async function onlineThermostat(baseURL: string, index = 0) {
  const welcome = await fetchWelcome(baseURL);
  const device = welcome.fleet.filter((entry) => entry.kind === "thermostat" && entry.online)[index];
  if (!device) throw new Error("the seeded fleet has too few online thermostats");
  return device;
}

/** The rule editor's form of one metric in the device view. */
function ruleForm(page: Page, label: string) {
  return page.getByRole("region", { name: "Alert rules" }).getByRole("form", { name: new RegExp(label) });
}

test.describe("alerts", () => {
  test.afterEach(async ({ baseURL }) => {
    await deleteStoredRules(baseURL ?? "");
  });

  test("the Alerts page lists a firing alert, which is acknowledged with a comment", async ({
    page,
    baseURL,
  }) => {
    const base = baseURL ?? "";
    const device = await onlineThermostat(base);
    // A room's temperature is above 0 °C: the rule fires on the first sample it sees.
    await createRule(base, {
      name: "e2e: above freezing",
      scope: { device: device.id },
      metric: "temperature",
      op: "above",
      threshold: 0,
      forSeconds: 0,
      severity: "critical",
    });
    await page.goto("/");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Alerts" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Alerts" })).toBeVisible();
    await page.getByLabel("Device").selectOption(device.id);
    await expect(page).toHaveURL(new RegExp(`#/alerts\\?device=${device.id}$`));
    const active = page.getByRole("table", { name: "Active alerts" });
    const row = active.getByRole("row").filter({ hasText: "Temperature" });
    await expect(row).toContainText("Firing", { timeout: 20_000 });
    await expect(row).toContainText("critical");
    await expect(row).toContainText(device.name);
    await expectNoSeriousA11yViolations(page);

    // The severity filter keeps it for critical and hides it for warning.
    await page.getByLabel("Severity").selectOption("warning");
    await expect(active).toHaveCount(0);
    await page.getByLabel("Severity").selectOption("critical");
    await expect(row).toBeVisible();

    await row.getByRole("button", { name: `Acknowledge Temperature on ${device.name}` }).click();
    const dialog = page.getByRole("dialog", { name: "Acknowledge alert" });
    await expect(dialog).toBeVisible();
    await dialog.getByLabel("Comment").fill("e2e: heating checked");
    await expectNoSeriousA11yViolations(page);
    await dialog.getByRole("button", { name: "Acknowledge" }).click();
    await expect(dialog).toHaveCount(0);
    await expect(row).toContainText("Acknowledged");
    await expect(row).toContainText("“e2e: heating checked”");
    await expect(row.getByRole("button", { name: /Acknowledge/ })).toHaveCount(0);

    const firing = await listAlerts(base, `state=firing&device=${device.id}`);
    const acknowledged = firing.find((alert) => alert.metric === "temperature");
    expect(acknowledged?.acknowledged?.comment).toBe("e2e: heating checked");
    expect(acknowledged?.acknowledged?.by).toBe("anonymous");
  });

  test("the rule editor saves a rule for a device and for its kind, and the chart draws it", async ({
    page,
    baseURL,
  }) => {
    const base = baseURL ?? "";
    const device = await onlineThermostat(base, 1);
    await page.goto(`/#/devices/${device.id}?window=1m`);
    const form = ruleForm(page, "Temperature");
    const chart = page.getByRole("figure", { name: "Temperature (°C) chart" });
    const highMarker = chart.locator(".threshold-offchart-high");
    // The default rule (the kind's typical range) is drawn until a rule replaces it.
    await expect(form).toContainText("Default (typical range): outside 16 °C to 28 °C");

    await form.getByLabel("Temperature Applies to").selectOption("device");
    await form.getByLabel("Temperature Low").fill("");
    await form.getByLabel("Temperature High").fill("38");
    await form.getByRole("button", { name: "Save" }).click();
    await expect(form).toContainText("Saved");
    await expect(form).toContainText("Rule for this device: above 38 °C for 3 s, warning");
    // Saving scrolls to the form; a chart out of view is redrawn when it comes back into view.
    await chart.scrollIntoViewIfNeeded();
    await expect(highMarker).toHaveText(/^high 38 °C ↑ [\d.]+ away$/);
    await expect(chart.locator(".threshold-offchart-low")).toHaveCount(0);

    await form.getByLabel("Temperature Applies to").selectOption("kind");
    await form.getByLabel("Temperature High").fill("39");
    await form.getByLabel("Temperature For (s)").fill("60");
    await form.getByRole("button", { name: "Save" }).click();
    await expect(form).toContainText("Saved");
    const rules = (await listRules(base)).filter((rule) => !rule.default && rule.metric === "temperature");
    expect(rules.map((rule) => [rule.scope, rule.op, rule.threshold, rule.forSeconds])).toEqual(
      expect.arrayContaining([
        [{ device: device.id }, "above", 38, 3],
        [{ kind: "thermostat" }, "above", 39, 60],
      ]),
    );
    // The device's own rule still wins over its kind's.
    await chart.scrollIntoViewIfNeeded();
    await expect(highMarker).toHaveText(/^high 38 °C/);

    await form.getByLabel("Temperature Applies to").selectOption("device");
    await form.getByRole("button", { name: "Remove" }).click();
    await expect(form).toContainText("Rule for every thermostat: above 39 °C for 60 s, warning");
    await chart.scrollIntoViewIfNeeded();
    await expect(highMarker).toHaveText(/^high 39 °C ↑ [\d.]+ away$/);
  });

  test("thresholds saved in this browser by the old editor are turned into rules, once", async ({
    page,
    baseURL,
  }) => {
    const base = baseURL ?? "";
    const device = await onlineThermostat(base, 2);
    await page.goto("/");
    await page.evaluate(
      (saved) => localStorage.setItem("fleet.thresholds.v1", saved),
      JSON.stringify({
        [`${device.id}/humidity`]: { high: 95 },
        [`${device.id}/temperature`]: { low: 5, high: 35 },
      }),
    );
    await page.reload();
    const banner = page.getByRole("region", { name: "Thresholds saved in this browser" });
    await expect(banner).toContainText("alert thresholds for 2 metrics");
    await expectNoSeriousA11yViolations(page);
    await banner.getByRole("button", { name: "Turn into rules" }).click();
    await expect(banner.getByRole("status")).toHaveText("Created 2 rules from this browser's thresholds.");
    expect(await page.evaluate(() => localStorage.getItem("fleet.thresholds.v1"))).toBeNull();

    const rules = (await listRules(base)).filter((rule) => !rule.default);
    expect(
      rules.map((rule) => [
        rule.scope,
        rule.metric,
        rule.op,
        rule.threshold ?? [rule.low, rule.high],
        rule.forSeconds,
      ]),
    ).toEqual(
      expect.arrayContaining([
        [{ device: device.id }, "humidity", "above", 95, 3],
        [{ device: device.id }, "temperature", "outside", [5, 35], 3],
      ]),
    );
    expect(rules).toHaveLength(2);

    // Offered once: after a reload there is nothing left to offer.
    await page.reload();
    await expect(page.getByRole("heading", { level: 1, name: "Fleet overview" })).toBeVisible();
    await expect(page.getByRole("status").filter({ hasText: "Live" })).toBeVisible();
    await expect(banner).toHaveCount(0);
  });

  test("Discard drops the old editor's thresholds without making rules", async ({ page, baseURL }) => {
    await page.goto("/");
    await page.evaluate(() =>
      localStorage.setItem("fleet.thresholds.v1", '{"thermo-001/humidity":{"high":90}}'),
    );
    await page.reload();
    const banner = page.getByRole("region", { name: "Thresholds saved in this browser" });
    await banner.getByRole("button", { name: "Discard" }).click();
    await expect(banner).toHaveCount(0);
    expect(await page.evaluate(() => localStorage.getItem("fleet.thresholds.v1"))).toBeNull();
    expect((await listRules(baseURL ?? "")).filter((rule) => !rule.default)).toEqual([]);
  });
});
