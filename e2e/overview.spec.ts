import { expect, test } from "@playwright/test";
import { createRule } from "./support/alertRules";
import { expectNoSeriousA11yViolations } from "./support/dashboard";
import { fetchWelcome } from "./support/fleetClient";
import { startServerProcess } from "./support/serverProcess";

test.describe("fleet overview", () => {
  test("shows the seeded fleet with live values and status counts", async ({ page, baseURL }) => {
    const welcome = await fetchWelcome(baseURL ?? "");
    await page.goto("/");
    await expect(page.getByRole("status")).toContainText("Live");
    const summary = page.getByRole("list", { name: "Fleet summary" });
    await expect(summary.getByRole("button", { name: /Devices/ })).toContainText(
      String(welcome.fleet.length),
    );

    const cards = page.getByRole("list", { name: "Devices" }).getByRole("article");
    await expect(cards).toHaveCount(welcome.fleet.length);
    const first = welcome.fleet.find((device) => device.kind === "thermostat");
    if (!first) throw new Error("the seeded fleet has no thermostat");
    const card = page.getByRole("article", { name: first.name });
    await expect(card).toContainText("Thermostat");
    await expect(card).toContainText("Online");
    // A live value with its unit replaces the placeholder dash.
    const value = card.locator("dd").first();
    await expect(value).toHaveText(/^-?\d+(\.\d+)? °C$/);
    const before = await card.getByRole("img").getAttribute("aria-label");
    expect(before).toContain("over the last minute");
    await expect(card.locator(".sparkline path")).toHaveAttribute("d", /M.+L/);
  });

  test("filters by kind and status, searches by name, and keeps the filter in the URL", async ({
    page,
    baseURL,
  }) => {
    const welcome = await fetchWelcome(baseURL ?? "");
    const meters = welcome.fleet.filter((device) => device.kind === "meter");
    await page.goto("/");
    await expect(page.getByRole("status")).toContainText("Live");

    await page.getByLabel("Kind").selectOption("meter");
    const cards = page.getByRole("list", { name: "Devices" }).getByRole("article");
    await expect(cards).toHaveCount(meters.length);
    await expect(page).toHaveURL(/kind=meter/);

    const target = meters[0]!;
    await page.getByRole("searchbox", { name: "Search" }).fill(target.name);
    await expect(cards).toHaveCount(1);
    await expect(cards.first()).toContainText(target.name);

    await page.getByRole("searchbox", { name: "Search" }).fill("no such device zzz");
    await expect(page.getByText("No devices match these filters.")).toBeVisible();
    await page.getByRole("button", { name: "Clear filters" }).click();
    await expect(cards).toHaveCount(welcome.fleet.length);

    await page.getByLabel("Status").selectOption("offline");
    const offline = welcome.fleet.filter((device) => !device.online).length;
    if (offline === 0) await expect(page.getByText("No devices match these filters.")).toBeVisible();
    else await expect(cards).toHaveCount(offline);
  });

  test("has no serious accessibility violations, in light and dark themes", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByRole("status")).toContainText("Live");
    await expect(page.locator(".device-card").first()).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await page.getByRole("button", { name: "Dark theme" }).click();
    await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
    await expectNoSeriousA11yViolations(page);
    await page.reload();
    await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  });

  test("with 2,000 devices only the cards near the screen render and subscribe, following the scroll", async ({
    page,
  }) => {
    const server = await startServerProcess(["--seed", "42", "--devices", "2000"]);
    try {
      // What the page is subscribed to, replayed from the frames it sends.
      const subscribed = new Set<string>();
      page.on("websocket", (socket) =>
        socket.on("framesent", ({ payload }) => {
          const message = JSON.parse(String(payload)) as { type: string; devices?: string[] };
          if (message.type === "subscribe") for (const id of message.devices ?? []) subscribed.add(id);
          if (message.type === "unsubscribe") for (const id of message.devices ?? []) subscribed.delete(id);
        }),
      );
      await page.goto(server.url);
      await expect(page.getByRole("list", { name: "Fleet summary" })).toContainText("2000");
      const cards = page.locator(".device-card");
      await expect(cards.first()).toBeVisible();
      const rendered = await cards.count();
      expect(rendered).toBeGreaterThan(4);
      expect(rendered).toBeLessThan(100);
      await expect.poll(() => subscribed.size).toBe(rendered);
      const firstName = await cards.first().locator("h3").textContent();

      await page.mouse.wheel(0, 30_000);
      await expect(cards.first().locator("h3")).not.toHaveText(firstName ?? "");
      await expect
        .poll(async () => {
          const ids = await page.locator(".device-card h3 a").evaluateAll((links) =>
            links.map((link) =>
              decodeURIComponent(link.getAttribute("href") ?? "")
                .split("/")
                .pop(),
            ),
          );
          return (
            ids.length > 0 && ids.every((id) => subscribed.has(id ?? "")) && subscribed.size === ids.length
          );
        })
        .toBe(true);
      // The list tells assistive tech where in the 2,000 it is.
      await expect(page.getByRole("list", { name: "Devices" }).getByRole("listitem").first()).toHaveAttribute(
        "aria-setsize",
        "2000",
      );
    } finally {
      await server.kill();
    }
  });

  test("with 2,000 devices a device far off screen, never subscribed, still shows the server's alert", async ({
    page,
  }) => {
    const server = await startServerProcess(["--seed", "42", "--devices", "2000", "--offline-rate", "0"]);
    try {
      const welcome = await fetchWelcome(server.url);
      const far = welcome.fleet.findLast((device) => device.kind === "thermostat" && device.online);
      const metric = far?.metrics.find((m) => m.key === "temperature");
      if (!far || !metric) throw new Error("the fleet has no online thermostat");
      // A rule for that one device, below any temperature it reports: the server fires it.
      await createRule(server.url, {
        name: "e2e: far device",
        scope: { device: far.id },
        metric: "temperature",
        op: "above",
        threshold: metric.min - 1,
        forSeconds: 0,
        severity: "critical",
      });
      // The card shows once the search finds it, and a card on screen subscribes: so the far
      // device is cut out of every subscribe on its way to the server. Whatever the card shows
      // then came from the server's alerts, not from samples the page evaluated.
      const reached = new Set<string>();
      await page.routeWebSocket(/\/ws$/, (client) => {
        const upstream = client.connectToServer();
        client.onMessage((payload) => {
          const message = JSON.parse(String(payload)) as { type: string; devices?: string[] };
          if (message.type === "subscribe" && message.devices) {
            message.devices = message.devices.filter((id) => id !== far.id);
            if (message.devices.length === 0) return;
            for (const id of message.devices) reached.add(id);
            upstream.send(JSON.stringify(message));
            return;
          }
          upstream.send(payload);
        });
      });
      await page.goto(server.url);
      // The overview's cards on screen subscribe first. Without this wait, a run where the alert
      // was already firing at load clicked the filter before any subscribe went out (CI, once).
      await expect.poll(() => reached.size, { timeout: 15_000 }).toBeGreaterThan(0);
      const alerting = page
        .getByRole("list", { name: "Fleet summary" })
        .getByRole("button", { name: /Alerting/ });
      // The default rules fire on some vehicles and wearables too: find this one among them.
      await expect(alerting).toHaveText(/^[1-9]\d*\s*Alerting$/, { timeout: 15_000 });
      await alerting.click();
      await page.getByRole("searchbox", { name: "Search" }).fill(far.id);
      const cards = page.getByRole("list", { name: "Devices" }).getByRole("article");
      await expect(cards).toHaveCount(1, { timeout: 15_000 });
      await expect(cards.first()).toContainText(far.name);
      await expect(cards.first()).toContainText("Alert");
      expect(reached.has(far.id)).toBe(false);
    } finally {
      await server.kill();
    }
  });
});
