import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createMockServer, type MockServer, type MockServerOptions } from "../../mock-server/src/index";
import { TestClient } from "../../testing/testClient";
import { formatTimeOfDay } from "../i18n/format";
import type { SeriesBuffer } from "../telemetry/ringBuffer";
import { createDashboard, type Dashboard } from "./createDashboard";
import { POLL, spyWebSocket } from "./dashboardTestKit";

const servers = new Set<MockServer>();
const dashboards: Dashboard[] = [];
const clients: TestClient[] = [];
const dirs: string[] = [];

afterEach(async () => {
  for (const dashboard of dashboards.splice(0)) dashboard.stop();
  for (const client of clients.splice(0)) client.close();
  await Promise.all([...servers].map((server) => server.close()));
  servers.clear();
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A server keeping history in a durable store in `dir` (a restart reopens the same store). */
async function startServer(dir: string, options: MockServerOptions = {}): Promise<MockServer> {
  const server = await createMockServer({
    port: 0,
    host: "127.0.0.1",
    devices: 2,
    seed: 7,
    rate: 20,
    tick: 25,
    data: dir,
    ...options,
  });
  servers.add(server);
  return server;
}

async function stopServer(server: MockServer): Promise<void> {
  servers.delete(server);
  await server.close();
}

function startDashboard(server: MockServer) {
  const spy = spyWebSocket();
  const dashboard = createDashboard({
    url: `ws://127.0.0.1:${server.port}/ws`,
    WebSocket: spy.WebSocket,
    backoff: { minMs: 100, maxMs: 300 },
    fleetLatest: false,
  });
  dashboards.push(dashboard);
  dashboard.start();
  return { dashboard, spy };
}

/** A protocol client recording every sample of `device` the server sends, from its oldest held. */
async function recordDevice(server: MockServer, device: string): Promise<TestClient> {
  const client = await TestClient.connect(server.wsUrl);
  clients.push(client);
  await client.waitFor((m) => m.type === "welcome");
  await client.request({ type: "subscribe", id: "truth", devices: [device], history: 900 });
  return client;
}

interface Sample {
  t: number;
  values: number[];
}

function received(client: TestClient, device: string, metrics: readonly string[]): Sample[] {
  return client
    .entries(device)
    .flatMap((entry) =>
      entry.t.map((t, i) => ({ t, values: metrics.map((key) => entry.values[key]?.[i] ?? Number.NaN) })),
    );
}

function held(buffer: SeriesBuffer | undefined): (Sample & { seq: number })[] {
  if (!buffer) return [];
  return Array.from({ length: buffer.length }, (_, i) => ({
    seq: buffer.seqAt(i),
    t: buffer.timeAt(i),
    values: buffer.metrics.map((_, column) => buffer.valueAt(column, i)),
  }));
}

/** Indexes where the line breaks because seqs are skipped (drawn as "no data"). */
function seqBreaks(samples: readonly { seq: number }[]): number[] {
  const breaks: number[] = [];
  for (let i = 1; i < samples.length; i++)
    if ((samples[i]?.seq ?? 0) !== (samples[i - 1]?.seq ?? 0) + 1) breaks.push(i);
  return breaks;
}

function strictlyIncreasing(times: readonly number[]): boolean {
  return times.every((t, i) => i === 0 || t > (times[i - 1] as number));
}

/**
 * Waits until the dashboard has failed to reach the stopped server `attempts` times, so the
 * server stays down for several sample intervals (an in-process restart takes about one).
 */
async function failedAttempts(dashboard: Dashboard, attempts: number): Promise<void> {
  await expect
    .poll(
      () => {
        const connection = dashboard.store.getState().connection;
        return connection.status === "reconnecting" ? connection.attempt : 0;
      },
      { ...POLL, message: `${attempts} failed reconnect attempts` },
    )
    .toBeGreaterThanOrEqual(attempts);
}

async function dataDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "fleet-timeline-"));
  dirs.push(dir);
  return dir;
}

describe("resuming across server restarts (v1.2, durable store)", () => {
  it("keeps every sample of the first run, resumes after the newest by time, and breaks the line for the downtime", async () => {
    const dir = await dataDir();
    const first = await startServer(dir);
    const device = first.devices()[0]?.id as string;
    const metrics = first.devices()[0]?.metrics.map((m) => m.key) ?? [];
    const truth = await recordDevice(first, device);
    const { dashboard, spy } = startDashboard(first);
    let replayedAfterRestart = 0;
    dashboard.onDataStored((message, added) => {
      if (message.replay && dashboard.store.getState().session !== first.session)
        message.batch.forEach((entry, i) => {
          if (entry.device === device) replayedAfterRestart += added[i] ?? 0;
        });
    });
    dashboard.watch("device", [device]);
    await expect
      .poll(() => dashboard.series.get(device)?.length ?? 0, { ...POLL, message: "data from the first run" })
      .toBeGreaterThan(40);

    await stopServer(first);
    const stoppedAt = Date.now();
    await failedAttempts(dashboard, 3);
    const firstRun = received(truth, device, metrics);
    const newestHeld = dashboard.series.get(device)?.lastTime ?? 0;
    const second = await startServer(dir, { port: first.port });
    await expect
      .poll(() => dashboard.store.getState().session, { ...POLL, message: "the new session" })
      .toBe(second.session);
    const lastOfFirst = firstRun.at(-1)?.t ?? 0;
    await expect
      .poll(() => held(dashboard.series.get(device)).filter((s) => s.t > lastOfFirst).length, {
        ...POLL,
        message: "data from the second run",
      })
      .toBeGreaterThan(20);

    // Subscribed by time: today's message (history for devices without samples) plus `after`.
    const subscribe = spy.sent(spy.connections.length - 1, "subscribe")[0];
    expect(subscribe?.resume).toBeUndefined();
    expect(subscribe?.after).toEqual({ [device]: newestHeld });
    const samples = held(dashboard.series.get(device));
    expect(strictlyIncreasing(samples.map((s) => s.t)), "strictly increasing times").toBe(true);
    // Every sample the first run sent, with its values, exactly once.
    const ofFirstRun = samples.filter((s) => s.t <= lastOfFirst).map(({ t, values }) => ({ t, values }));
    expect(ofFirstRun).toEqual(firstRun);
    // One break, for the downtime, and drawn as lost data (seqs skipped), not as an offline device.
    const breaks = seqBreaks(samples);
    expect(breaks).toHaveLength(1);
    const before = samples[(breaks[0] as number) - 1];
    const after = samples[breaks[0] as number];
    expect(before?.t).toBeLessThanOrEqual(stoppedAt);
    expect(after?.t).toBeGreaterThan(stoppedAt);
    const buffer = dashboard.series.get(device);
    expect(buffer?.breaksBefore(breaks[0] as number)).toBe(true);
    // The event log says it in words, with the replayed count the buffers took.
    await expect
      .poll(() => dashboard.store.getState().events.map((e) => e.message), {
        ...POLL,
        message: "restart line",
      })
      .toContainEqual(expect.stringMatching(/^The server restarted: resumed from /));
    const line = dashboard.store.getState().events.find((e) => e.message.startsWith("The server restarted"));
    const match =
      /resumed from (\d\d:\d\d:\d\d), (\d+) samples? replayed, no data for ([\d.]+) (s|ms) while/.exec(
        line?.message ?? "",
      );
    expect(match, line?.message).not.toBeNull();
    // The app's own clock format (24-hour, h23): `hour12: false` reads 24:mm:ss after midnight in en-US.
    expect(match?.[1]).toBe(formatTimeOfDay(newestHeld));
    expect(Number(match?.[2])).toBe(replayedAfterRestart);
    const silentMs = Number(match?.[3]) * (match?.[4] === "s" ? 1000 : 1);
    expect(Math.abs(silentMs - ((after?.t ?? 0) - (before?.t ?? 0)))).toBeLessThanOrEqual(100);
  });

  it("fills what it missed while away from the store, with no break where nothing was lost", async () => {
    const dir = await dataDir();
    const first = await startServer(dir);
    const device = first.devices()[0]?.id as string;
    const metrics = first.devices()[0]?.metrics.map((m) => m.key) ?? [];
    const truth = await recordDevice(first, device);
    const { dashboard, spy } = startDashboard(first);
    dashboard.watch("device", [device]);
    await expect
      .poll(() => dashboard.series.get(device)?.length ?? 0, { ...POLL, message: "data from the first run" })
      .toBeGreaterThan(20);
    // The dashboard goes away while the first run goes on storing samples.
    dashboard.stop();
    const newestHeld = dashboard.series.get(device)?.lastTime ?? 0;
    await truth.until(() => received(truth, device, metrics).filter((s) => s.t > newestHeld).length > 40);
    await stopServer(first);
    const firstRun = received(truth, device, metrics);
    const missed = firstRun.filter((s) => s.t > newestHeld).length;
    dashboard.start();
    await failedAttempts(dashboard, 3);
    const second = await startServer(dir, { port: first.port });
    const lastOfFirst = firstRun.at(-1)?.t ?? 0;
    await expect
      .poll(() => held(dashboard.series.get(device)).filter((s) => s.t > lastOfFirst).length, {
        ...POLL,
        message: "data from the second run",
      })
      .toBeGreaterThan(10);

    expect(dashboard.store.getState().session).toBe(second.session);
    const subscribe = spy.sent(spy.connections.length - 1, "subscribe")[0];
    expect(subscribe?.after).toEqual({ [device]: newestHeld });
    const samples = held(dashboard.series.get(device));
    expect(strictlyIncreasing(samples.map((s) => s.t))).toBe(true);
    // What the dashboard missed came back from the store: the first run is whole.
    expect(samples.filter((s) => s.t <= lastOfFirst).map(({ t, values }) => ({ t, values }))).toEqual(
      firstRun,
    );
    expect(missed).toBeGreaterThan(40);
    // The line runs on through what was replayed and breaks only where the server was down.
    // That break is inside the new run's replay, where its seqs run on from the stored samples,
    // so it is a break by time (the charts shade it like an offline device), not skipped seqs.
    expect(seqBreaks(samples)).toEqual([]);
    const buffer = dashboard.series.get(device);
    const breaks = samples.flatMap((_, i) => (buffer?.breaksBefore(i) ? [i] : []));
    expect(breaks.map((i) => samples[i - 1]?.t)).toEqual([lastOfFirst]);
  });
});
