/**
 * Scenario 1, blip: the network drops for a while inside the server's history window. After
 * recovery the page holds every sample, in order, without duplicates, and says how many it
 * recovered.
 */
import { expect, test } from "@playwright/test";
import { missingSeqs, watchSockets } from "../support/pageSockets";
import { connectionStatus, onlineDevice, openDeviceView, pick, setupFleet } from "../support/resilience";
import { between, exportCsv, serverSamples } from "../support/samples";

const start = setupFleet();

const CUT_MS = pick(5_000, 60_000);
const WINDOW = pick("1m", "5m");

test(`a ${CUT_MS / 1000} s cut inside history: chart and CSV hold every sample in order, and the status counts the recovered ones`, async ({
  page,
}) => {
  test.setTimeout(CUT_MS + 60_000);
  const { server, proxy } = await start();
  const device = await onlineDevice(server.url, "thermostat");
  const keys = device.metrics.map((metric) => metric.key);
  const sockets = watchSockets(page);
  await openDeviceView(page, proxy, device, WINDOW);
  // A few seconds of samples before the cut, so the cut lies inside the exported window.
  await expect.poll(() => sockets.series(device.id).times.size, { timeout: 15_000 }).toBeGreaterThan(30);

  const status = connectionStatus(page);
  const cutAt = Date.now();
  proxy.cut();
  await expect(status).toContainText("Reconnecting");
  // The length of the cut is the point of the scenario: wait it out.
  await page.waitForTimeout(Math.max(0, CUT_MS - (Date.now() - cutAt)));
  const restoredAt = Date.now();
  proxy.restore();

  await expect(status).toContainText(/Live.*reconnected, \d+ samples? recovered/, { timeout: 30_000 });
  // The count grows as the replay lands, which may follow "Live" by a frame or two under load.
  const recovered = async () =>
    Number(/reconnected, (\d+) sample/.exec((await status.textContent()) ?? "")?.[1]);
  // Everything produced while cut off came back by resume (the device makes `rate` samples/s).
  await expect
    .poll(recovered, { timeout: 10_000 })
    .toBeGreaterThanOrEqual(Math.floor((CUT_MS / 1000) * device.rate * 0.9));

  // On the wire: one live socket, a resume (not history) on the new one, no hole, no duplicate.
  expect(sockets.open()).toHaveLength(1);
  const resumed = sockets.open()[0]?.sent.find((message) => message.type === "subscribe");
  expect(resumed).toMatchObject({ type: "subscribe", resume: { [device.id]: expect.any(Number) } });
  const received = sockets.series(device.id);
  expect(missingSeqs(received)).toEqual([]);
  expect(received.duplicates).toBe(0);
  expect(received.gaps).toEqual([]);

  // What the page holds (its CSV export) equals what the server holds over the same span.
  await expect
    .poll(() => Math.max(...sockets.series(device.id).times.values()))
    .toBeGreaterThan(restoredAt + 2000);
  const csv = await exportCsv(page);
  const times = csv.rows.map((row) => row.t);
  expect(times.every((t, i) => i === 0 || t > (times[i - 1] as number))).toBe(true);
  const first = times[0] ?? 0;
  const last = times.at(-1) ?? 0;
  expect(first).toBeLessThan(cutAt - 1000);
  expect(last).toBeGreaterThan(restoredAt + 1000);
  const truth = await serverSamples(server.url, device.id, keys, WINDOW === "1m" ? 120 : 400);
  const expected = between(truth, first, last);
  expect(csv.rows.length).toBe(expected.length);
  expect(csv.rows).toEqual(expected);
  // No "no data" span is drawn: nothing was lost.
  await expect(page.locator(".recharts-reference-area")).toHaveCount(0);
});
