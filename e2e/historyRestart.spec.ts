/**
 * Live and past are one timeline: a server keeping history in a store (`--data DIR`) is killed
 * with SIGKILL and started again on the same store. The device view keeps what it charted before
 * the kill, asks the new run for what is newer (`subscribe.after`, protocol v1.2), goes on with
 * the new run's samples, and shows the downtime as a break, in the chart and in the event log.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { watchSockets } from "./support/pageSockets";
import { connectionStatus, onlineDevice, openDeviceView, setupFleet } from "./support/resilience";
import { exportCsv, type Sample } from "./support/samples";
import { storedSamples } from "./support/storedHistory";

const start = setupFleet();
let dataDir = "";

test.beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "fleet-e2e-restart-"));
});
test.afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

test("a server killed -9 and restarted on its store: the chart keeps the samples from before, then new ones, with a break for the downtime", async ({
  page,
}) => {
  test.setTimeout(90_000);
  const { server, proxy } = await start(["--data", dataDir]);
  const device = await onlineDevice(server.url, "thermostat");
  const metrics = device.metrics.map((metric) => metric.key);
  const sockets = watchSockets(page);
  await openDeviceView(page, proxy, device);
  await expect.poll(() => sockets.series(device.id).times.size, { message: "charting" }).toBeGreaterThan(30);
  const beforeKill = await exportCsv(page);
  const status = connectionStatus(page);

  const killedAt = Date.now();
  await server.kill();
  // Down for a few of the dashboard's attempts, so the downtime is seconds wide on the chart.
  await expect(status).toContainText(/attempt [3-9]/, { timeout: 30_000 });
  await server.restart();
  await expect.poll(() => sockets.sessions.length, { timeout: 20_000 }).toBe(2);
  await expect(status).toContainText("Live");
  await expect
    .poll(() => sockets.series(device.id).times.size, { message: "samples of the new run" })
    .toBeGreaterThan(30);

  const rows = (await exportCsv(page)).rows;
  const times = rows.map((row) => row.t);
  expect(
    times.every((t, i) => i === 0 || t > (times[i - 1] as number)),
    "strictly increasing, no duplicate",
  ).toBe(true);
  // Everything charted before the kill is still there, value for value.
  const heldBefore = rows.filter((row) => row.t <= killedAt);
  const keptFrom = rows[0]?.t ?? 0;
  const exported = beforeKill.rows.filter((row) => row.t >= keptFrom);
  expect(exported.length).toBeGreaterThan(20);
  expect(heldBefore.slice(0, exported.length)).toEqual(exported);
  const lastBefore = heldBefore.at(-1)?.t ?? 0;
  // The new socket asked for what is newer than the newest sample held, by time, not by seq.
  const subscribe = sockets.open()[0]?.sent.find((message) => message.type === "subscribe");
  expect(subscribe).not.toHaveProperty("resume");
  expect(subscribe).toMatchObject({ devices: [device.id], after: { [device.id]: lastBefore } });
  // ...and it is what the store holds: every committed sample, and beyond it only the tail the
  // kill caught inside the 250 ms commit window.
  // Rounded as on the wire: samples the simulator backfills while the store opens are stored
  // unrounded (a server issue, reported), the live ones rounded to each metric's decimals.
  const decimals = device.metrics.map((metric) => 10 ** (metric.decimals ?? 2));
  const stored = (await storedSamples(server.url, device.id, metrics, keptFrom, lastBefore + 1)).map(
    ({ t, values }) => ({
      t,
      values: values.map((v, m) => Math.round(v * (decimals[m] ?? 1)) / (decimals[m] ?? 1)),
    }),
  );
  expect(stored.length).toBeGreaterThan(20);
  const storedTimes = new Set(stored.map((sample) => sample.t));
  expect(heldBefore.filter((row) => storedTimes.has(row.t))).toEqual(stored);
  const uncommitted = heldBefore.filter((row) => !storedTimes.has(row.t));
  expect(uncommitted.every((row) => row.t > (stored.at(-1)?.t ?? 0))).toBe(true);
  expect(lastBefore - (stored.at(-1)?.t ?? 0)).toBeLessThanOrEqual(1000);

  // Then the new run, after a break as wide as the downtime (several samples at 10 per second).
  const newRun: Sample[] = rows.filter((row) => row.t > lastBefore);
  expect(newRun.length).toBeGreaterThan(30);
  expect((newRun[0]?.t ?? 0) - lastBefore).toBeGreaterThan(2000);
  const chart = page.getByRole("figure", { name: new RegExp(`^${device.metrics[0]?.label} \\(`) });
  // The downtime is shaded (its word shows only when the band is wide enough to hold it).
  const shaded = chart.locator('[data-span-kind="gap"], [data-span-kind="serverDown"]');
  await expect(shaded.first()).toBeAttached();
  await expect(shaded.first().locator("title")).toHaveText(/^(No data recorded|Server not reachable)/);

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Events" }).click();
  await expect(
    page.getByText(/The server restarted: resumed from \d\d:\d\d:\d\d, \d+ samples? replayed/),
  ).toBeVisible();
});
