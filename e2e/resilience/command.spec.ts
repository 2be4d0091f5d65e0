/**
 * Scenario 5, command across a cut: the server runs the command but its result never reaches the
 * browser, because the link is cut in between. After recovery the dashboard resends the command
 * with the same id; the outcome is shown once, and the device applied it once.
 */
import { expect, test } from "@playwright/test";
import { fetchWelcome } from "../support/fleetClient";
import { watchSockets } from "../support/pageSockets";
import { connectionStatus, onlineDevice, openDeviceView, setupFleet } from "../support/resilience";
import { fetchMetrics } from "../support/serverProbe";

const start = setupFleet();

/** Command results the server counted, by result label (duplicates are not counted there). */
async function commandResults(baseUrl: string): Promise<Record<string, number>> {
  const results: Record<string, number> = {};
  for (const [name, value] of await fetchMetrics(baseUrl)) {
    const result = /^fleet_commands_total\{result="([^"]+)"\}$/.exec(name)?.[1];
    if (result) results[result] = value;
  }
  return results;
}

test("a command whose result is lost in a cut is resent with its id: shown once, applied once", async ({
  page,
}) => {
  const { server, proxy } = await start();
  const device = await onlineDevice(server.url, "thermostat");
  const target = device.state.target === 24 ? 25 : 24;
  const sockets = watchSockets(page);
  await openDeviceView(page, proxy, device);
  const status = connectionStatus(page);

  // Let requests reach the server but hold everything coming back: the result will be lost.
  proxy.stall("toClient");
  const form = page.getByRole("form", { name: "Set target temperature" });
  await form.getByRole("spinbutton").fill(String(target));
  await form.getByRole("button", { name: "Set target temperature" }).click();
  const timeline = page.getByRole("list", { name: "Command history" });
  await expect(timeline.getByRole("listitem")).toHaveCount(1);
  await expect(timeline.getByRole("listitem").first()).not.toContainText("Succeeded");
  await expect.poll(() => commandResults(server.url)).toEqual({ ok: 1 });

  proxy.cut();
  await expect(status).toContainText("Reconnecting");
  proxy.restore();
  await expect(status).toContainText("Live", { timeout: 20_000 });

  const entry = timeline.getByRole("listitem");
  await expect(entry).toHaveCount(1);
  await expect(entry).toContainText("Succeeded");
  await expect(entry).toContainText("sent 2 times");
  // The same id went out on two sockets; the server answered the second from memory.
  const sent = sockets.sockets.flatMap((watched) =>
    watched.sent.filter((message) => message.type === "command").map((message) => ({ watched, message })),
  );
  expect(sent).toHaveLength(2);
  expect(sent[0]?.message.id).toBe(sent[1]?.message.id);
  expect(sent[0]?.watched).not.toBe(sent[1]?.watched);
  expect(await commandResults(server.url)).toEqual({ ok: 1 });
  expect((await fetchWelcome(server.url)).fleet.find((d) => d.id === device.id)?.state.target).toBe(target);
  // One outcome in the device's event log, not one per attempt.
  await expect(
    page.getByRole("region", { name: "Device events" }).getByText(/Set target temperature on .* succeeded/),
  ).toHaveCount(1);
});
