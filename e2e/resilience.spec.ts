import { expect, test } from "@playwright/test";
import { chartSummary, expectNoSeriousA11yViolations } from "./support/dashboard";
import { startFaultProxy } from "./support/faultProxy";
import { fetchWelcome } from "./support/fleetClient";
import { type ServerProcess, startServerProcess } from "./support/serverProcess";

// These journeys run their own servers (token, failures, restarts), never the shared one.
let server: ServerProcess | undefined;
test.afterEach(async () => {
  await server?.kill();
  server = undefined;
});

async function thermostatOf(url: string, token?: string) {
  const welcome = await fetchWelcome(url, token);
  const device = welcome.fleet.find((entry) => entry.kind === "thermostat" && entry.online);
  if (!device) throw new Error("no online thermostat");
  return device;
}

test("after the server is stopped and restarted the status goes Reconnecting then Live and the charts continue", async ({
  page,
}) => {
  server = await startServerProcess(["--seed", "42"]);
  const device = await thermostatOf(server.url);
  await page.goto(`${server.url}/#/devices/${device.id}?window=1m`);
  const status = page.getByRole("status");
  await expect(status).toContainText("Live");
  const summary = chartSummary(page, device.metrics[0]!.label);
  await expect(summary).toContainText("Latest");

  await server.kill();
  await expect(status).toContainText("Reconnecting");
  await expect(page.getByText(/Disconnected from the server/)).toBeVisible();
  const stopped = await summary.textContent();
  await server.restart();
  await expect(status).toContainText("Live", { timeout: 30_000 });
  await expect(summary).not.toHaveText(stopped ?? "");
  await expect(page.getByText(/Disconnected from the server/)).toHaveCount(0);
});

test("a dropped connection resumes: no gap, and the status says how many samples were recovered", async ({
  page,
}) => {
  server = await startServerProcess(["--seed", "42"]);
  const proxy = await startFaultProxy(server.port);
  try {
    const device = await thermostatOf(server.url);
    // The page loads through the proxy, so its WebSocket does too.
    await page.goto(`http://127.0.0.1:${proxy.port}/#/devices/${device.id}?window=1m`);
    const status = page.getByRole("status");
    await expect(status).toContainText("Live");
    await expect(chartSummary(page, device.metrics[0]!.label)).toContainText("Latest");
    proxy.cut();
    await expect(status).toContainText("Reconnecting");
    // Stay away long enough for samples to pile up on the server.
    await expect(status).toContainText(/attempt [2-9]/, { timeout: 20_000 });
    proxy.restore();
    await expect(status).toContainText(/Live.*reconnected, [1-9]\d* samples recovered/, { timeout: 30_000 });
    await expect(page.locator(".recharts-reference-area")).toHaveCount(0);
  } finally {
    await proxy.close();
  }
});

test("a token-protected server asks for the token and works after it is entered", async ({ page }) => {
  server = await startServerProcess(["--seed", "42", "--token", "letmein"]);
  const device = await thermostatOf(server.url, "letmein");
  await page.goto(server.url);
  const signIn = page.getByRole("form", { name: "Sign in with an access token" });
  await expect(signIn).toBeVisible();
  // No users on this server: no name and password form.
  await expect(page.getByRole("form", { name: "Sign in with your user name" })).toHaveCount(0);
  await expectNoSeriousA11yViolations(page);

  await signIn.getByRole("button", { name: "Connect" }).click();
  await expect(signIn.getByRole("alert")).toHaveText("Enter the access token.");
  await signIn.getByLabel("Access token").fill("letmein");
  await signIn.getByRole("button", { name: "Connect" }).click();
  await expect(page.getByRole("status")).toContainText("Live");
  await expect(signIn).toHaveCount(0);
  await expect(page.getByRole("banner")).toContainText("Shared token operator");
  await expect(page.getByRole("link", { name: device.name, exact: true })).toBeVisible();
});

test("a failing command shows the server's error in the timeline", async ({ page }) => {
  server = await startServerProcess(["--seed", "42", "--command-failure-rate", "1"]);
  const device = await thermostatOf(server.url);
  await page.goto(`${server.url}/#/devices/${device.id}`);
  await expect(page.getByRole("status")).toContainText("Live");
  const form = page.getByRole("form", { name: "Set target temperature" });
  await form.getByRole("spinbutton").fill("24");
  await form.getByRole("button", { name: "Set target temperature" }).click();
  const entry = page.getByRole("list", { name: "Command history" }).getByRole("listitem").first();
  await expect(entry).toContainText("Failed");
  await expect(entry).toContainText("device_error");
  await expect(entry.locator(".timeline-error")).not.toHaveText(/^\s*\(device_error\)\s*$/);
  // The failure is in the event log too.
  await expect(page.getByRole("region", { name: "Device events" })).toContainText(/failed/i);
});

test("a disruptive command asks for confirmation and can be cancelled", async ({ page }) => {
  server = await startServerProcess(["--seed", "42"]);
  const welcome = await fetchWelcome(server.url);
  const vehicle = welcome.fleet.find((entry) => entry.kind === "vehicle" && entry.online);
  if (!vehicle) throw new Error("no online vehicle");
  const unlock = vehicle.commands.find((command) => command.confirm);
  if (!unlock) throw new Error("the vehicle declares no disruptive command");
  await page.goto(`${server.url}/#/devices/${vehicle.id}`);
  await expect(page.getByRole("status")).toContainText("Live");

  await page.getByRole("form", { name: unlock.label }).getByRole("button", { name: unlock.label }).click();
  const dialog = page.getByRole("dialog", { name: `${unlock.label}?` });
  await expect(dialog).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(dialog).toHaveCount(0);
  await expect(page.getByText("No commands sent to this device yet.")).toBeVisible();

  await page.getByRole("form", { name: unlock.label }).getByRole("button", { name: unlock.label }).click();
  await dialog.getByRole("button", { name: unlock.label }).click();
  await expect(
    page.getByRole("list", { name: "Command history" }).getByRole("listitem").first(),
  ).toContainText("Succeeded");
});
