/**
 * Shared set-up of the resilience specs: each test runs its own mock server as a child process
 * (so it can be killed -9) behind its own fault proxy, both torn down after the test. The short
 * versions run in `npm test`; `RESILIENCE_FULL=1` (npm run test:resilience) runs the long ones.
 */
import { expect, type Page, test } from "@playwright/test";
import type { DeviceInfo, DeviceKind } from "../../src/protocol/messages";
import { type FaultProxy, startFaultProxy } from "./faultProxy";
import { fetchWelcome } from "./fleetClient";
import { type ServerProcess, startServerProcess } from "./serverProcess";

/** True for the long suite (`npm run test:resilience`). */
export const FULL = process.env.RESILIENCE_FULL === "1";

/** The short value in `npm test`, the long one in the full suite. */
export function pick<T>(short: T, full: T): T {
  return FULL ? full : short;
}

export interface Fleet {
  server: ServerProcess;
  proxy: FaultProxy;
}

/**
 * Registers teardown for the spec file and returns `start(args)`, which runs a server with
 * `args` (plus `--seed 42` unless given) and a proxy in front of it.
 */
export function setupFleet(): (args?: string[], options?: { port?: number }) => Promise<Fleet> {
  const running: Fleet[] = [];
  test.afterEach(async ({ page }, testInfo) => {
    // Close the page first so its reconnect loop does not race the teardown.
    await page.close();
    for (const { server, proxy } of running.splice(0)) {
      if (testInfo.status !== testInfo.expectedStatus) {
        await testInfo.attach("server output", { body: server.output(), contentType: "text/plain" });
      }
      await proxy.close();
      await server.kill();
    }
  });
  return async (args = [], options = {}) => {
    const flags = args.includes("--seed") ? args : ["--seed", "42", ...args];
    const server = await startServerProcess(flags, options);
    const proxy = await startFaultProxy(server.port);
    const fleet = { server, proxy };
    running.push(fleet);
    return fleet;
  };
}

/** The first online device of `kind` in the server's welcome. */
export async function onlineDevice(baseUrl: string, kind: DeviceKind, token?: string): Promise<DeviceInfo> {
  const welcome = await fetchWelcome(baseUrl, token);
  const device = welcome.fleet.find((entry) => entry.kind === kind && entry.online);
  if (!device) throw new Error(`the fleet has no online ${kind}`);
  return device;
}

/** The connection status line (role="status"). */
export function connectionStatus(page: Page) {
  return page.getByRole("status");
}

/**
 * Opens the device view from `origin` (the proxy, so faults apply, or the server itself) and
 * waits until it is live with samples drawn.
 */
export async function openDeviceView(page: Page, origin: { url: string }, device: DeviceInfo, window = "1m") {
  await page.goto(`${origin.url}/#/devices/${device.id}?window=${window}`);
  await expect(connectionStatus(page)).toContainText("Live");
  await expect(
    page
      .getByRole("figure", { name: new RegExp(`^${device.metrics[0]?.label} \\(`) })
      .locator("p.visually-hidden"),
  ).toContainText("Latest");
}
