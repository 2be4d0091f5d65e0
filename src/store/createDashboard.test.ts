import { afterEach, describe, expect, it, vi } from "vitest";
import { createMockServer, type MockServer } from "../../mock-server/src/index";
import type { SeriesBuffer } from "../telemetry/ringBuffer";
import { createDashboard, type Dashboard, type DashboardOptions } from "./createDashboard";
import { manualRaf, POLL, spyWebSocket } from "./dashboardTestKit";

const servers: MockServer[] = [];
const dashboards: Dashboard[] = [];

afterEach(async () => {
  for (const dashboard of dashboards.splice(0)) dashboard.stop();
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function startServer(options: Parameters<typeof createMockServer>[0] = {}): Promise<MockServer> {
  const server = await createMockServer({ port: 0, host: "127.0.0.1", devices: 4, seed: 7, ...options });
  servers.push(server);
  return server;
}

function startDashboard(server: MockServer, options: DashboardOptions = {}, olderServer = false) {
  const spy = spyWebSocket({ olderServer });
  const dashboard = createDashboard({
    url: `ws://127.0.0.1:${server.port}/ws`,
    WebSocket: spy.WebSocket,
    backoff: { minMs: 100, maxMs: 300 },
    ...options,
  });
  dashboards.push(dashboard);
  dashboard.start();
  return { dashboard, spy };
}

const status = (dashboard: Dashboard) => dashboard.store.getState().connection.status;

/** Seqs held, and whether any neighbours are not consecutive. */
function continuity(buffer: SeriesBuffer | undefined): { first: number; last: number; holes: number } {
  if (!buffer || buffer.length === 0) return { first: 0, last: 0, holes: 0 };
  let holes = 0;
  for (let i = 1; i < buffer.length; i++) if (buffer.seqAt(i) !== buffer.seqAt(i - 1) + 1) holes++;
  return { first: buffer.seqAt(0), last: buffer.seqAt(buffer.length - 1), holes };
}

async function commandsExecuted(server: MockServer): Promise<number> {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  let total = 0;
  for (const match of text.matchAll(/^fleet_commands_total\{[^}]*\} (\d+)/gm)) total += Number(match[1]);
  return total;
}

describe("createDashboard against the mock server", () => {
  it("goes live, subscribes to the watched union once, and fills the ring buffer", async () => {
    const server = await startServer();
    const { dashboard, spy } = startDashboard(server);
    const [a, b] = server.devices().map((d) => d.id) as [string, string];
    dashboard.watch("overview", [a, b]);
    dashboard.watch("device", [a]);
    await expect
      .poll(() => dashboard.series.get(b)?.length ?? 0, { ...POLL, message: "samples of b" })
      .toBeGreaterThan(10);
    expect(status(dashboard)).toBe("live");
    expect(dashboard.store.getState().deviceIds).toEqual(server.devices().map((d) => d.id));
    const subscribes = spy.sent(0, "subscribe");
    expect(subscribes.flatMap((s) => s.devices).sort()).toEqual([a, b].sort());
    expect(subscribes[0]?.history).toBe(900);
    await expect
      .poll(() => dashboard.store.getState().seriesVersion[a] ?? 0, { ...POLL, message: "a version bump" })
      .toBeGreaterThan(0);
    expect(dashboard.series.get(server.devices()[2]?.id ?? "")).toBeUndefined();
  });

  it("keeps every device's newest sample, watched or not, from the server's latest frames", async () => {
    const server = await startServer();
    const { dashboard, spy } = startDashboard(server);
    const ids = server.devices().map((d) => d.id);
    await expect
      .poll(() => ids.filter((id) => dashboard.latest.get(id) === undefined), {
        ...POLL,
        message: "a latest sample of every device",
      })
      .toEqual([]);
    expect(spy.sent(0, "latest")).toHaveLength(1);
    expect(spy.sent(0, "subscribe")).toHaveLength(0);
    const first = dashboard.latest.get(ids[0] as string)?.seq ?? 0;
    await expect
      .poll(() => dashboard.latest.get(ids[0] as string)?.seq ?? 0, {
        ...POLL,
        message: "a newer latest sample",
      })
      .toBeGreaterThan(first);
    // Nothing went into the ring buffers: latest samples are not a series.
    expect(ids.map((id) => dashboard.series.get(id))).toEqual(ids.map(() => undefined));
  });

  it("reports each stored data message to onDataStored with its new-sample counts", async () => {
    const server = await startServer();
    const { dashboard } = startDashboard(server);
    const device = server.devices()[0]?.id as string;
    const reported: { entries: number; counts: number; added: number; held: number }[] = [];
    const stop = dashboard.onDataStored((message, added) => {
      const mine = message.batch.findIndex((entry) => entry.device === device);
      if (mine < 0) return;
      const held = dashboard.series.get(device)?.length ?? 0;
      reported.push({ entries: message.batch.length, counts: added.length, added: added[mine] ?? -1, held });
    });
    dashboard.watch("device", [device]);
    await expect.poll(() => reported.length, { ...POLL, message: "data messages" }).toBeGreaterThan(3);
    stop();
    const count = reported.length;
    for (const report of reported) expect(report.counts).toBe(report.entries);
    // Called once the message is in the buffers: each report saw every sample added so far.
    let added = 0;
    for (const report of reported) {
      added += report.added;
      expect(report.held).toBe(added);
    }
    const held = dashboard.series.get(device)?.length ?? 0;
    await expect.poll(() => dashboard.series.get(device)?.length ?? 0, POLL).toBeGreaterThan(held);
    expect(reported).toHaveLength(count);
  });

  it("unsubscribes a device when no view watches it any more", async () => {
    const server = await startServer();
    const { dashboard, spy } = startDashboard(server);
    const [a, b] = server.devices().map((d) => d.id) as [string, string];
    const unwatchOverview = dashboard.watch("overview", [a, b]);
    dashboard.watch("device", [a]);
    await expect
      .poll(() => spy.sent(0, "subscribe").length, { ...POLL, message: "subscribe" })
      .toBeGreaterThan(0);
    unwatchOverview();
    await expect
      .poll(() => spy.sent(0, "unsubscribe").length, { ...POLL, message: "unsubscribe" })
      .toBeGreaterThan(0);
    expect(spy.sent(0, "unsubscribe")[0]?.devices).toEqual([b]);
  });

  it("frees an unwatched device's samples and asks for its whole window when it is watched again", async () => {
    const server = await startServer();
    const { dashboard, spy } = startDashboard(server, { releaseUnwatchedMs: 0 });
    const [a] = server.devices().map((d) => d.id) as [string];
    const unwatch = dashboard.watch("overview", [a]);
    await expect
      .poll(() => dashboard.series.get(a)?.length ?? 0, { ...POLL, message: "samples" })
      .toBeGreaterThan(0);
    unwatch();
    // The sweep runs once a second; a device is freed on the sweep after the one that saw it unwatched.
    await expect
      .poll(() => dashboard.series.get(a), { ...POLL, timeout: 5000, message: "freed" })
      .toBeUndefined();
    dashboard.watch("overview", [a]);
    await expect.poll(() => spy.sent(0, "subscribe").length, { ...POLL, message: "resubscribe" }).toBe(2);
    const again = spy.sent(0, "subscribe")[1];
    expect(again?.resume).toBeUndefined();
    expect(again?.history).toBe(900);
  });

  it("resumes after the server drops the connection, with no gap and no duplicate subscription", async () => {
    const server = await startServer();
    const { dashboard, spy } = startDashboard(server);
    const ids = server.devices().map((d) => d.id);
    const device = ids[0] as string;
    dashboard.watch("overview", ids);
    dashboard.watch("device", [device]);
    const listeners = dashboard.client.listenerCount;
    // New samples that came in replays: what stats must count. A reconnect quicker than the
    // fleet's tick (the server's process stalled on a loaded machine) misses nothing to replay.
    let replayed = 0;
    dashboard.onDataStored((message, added) => {
      if (message.replay) for (const count of added) replayed += count;
    });
    for (let drop = 1; drop <= 3; drop++) {
      await vi.waitFor(() => {
        expect(status(dashboard)).toBe("live");
        expect(dashboard.series.get(device)?.length ?? 0).toBeGreaterThan(5 * drop);
      }, POLL);
      server.dropAll();
      await vi.waitFor(() => {
        expect(spy.connections, `reconnect ${drop}`).toHaveLength(drop + 1);
        expect(status(dashboard)).toBe("live");
      }, POLL);
    }
    await vi.waitFor(() => {
      const cursor = dashboard.series.get(device)?.resumeCursor ?? 0;
      expect(cursor, "caught up").toBeGreaterThanOrEqual(server.samplesProduced(device) - 2);
    }, POLL);
    const held = continuity(dashboard.series.get(device));
    expect(held.first).toBe(1);
    expect(held.holes).toBe(0);
    for (let connection = 1; connection <= 3; connection++) {
      const subscribes = spy.sent(connection, "subscribe");
      const subscribed = subscribes.flatMap((s) => s.devices);
      expect(subscribed.sort()).toEqual([...ids].sort());
      expect(subscribes[0]?.resume?.[device]).toBeGreaterThan(0);
    }
    expect(spy.openCount()).toBe(1);
    expect(dashboard.client.listenerCount).toBe(listeners);
    await expect
      .poll(() => dashboard.store.getState().stats.reconnects, {
        ...POLL,
        message: "reconnect count in stats",
      })
      .toBe(3);
    // Stats reach the store once a second, so the replayed count may land a snapshot later.
    await expect
      .poll(() => dashboard.store.getState().stats.replayedSamples, {
        ...POLL,
        message: "replayed samples in stats",
      })
      .toBe(replayed);
  });

  it("asks a pre-v1.2 server for history on a new session after a restart and keeps the old samples", async () => {
    const first = await startServer();
    const port = first.port;
    // The welcome without `history`, as a v1.1 server sends it (v1.2 is in sessionTimeline.test.ts).
    const { dashboard, spy } = startDashboard(first, {}, true);
    const device = first.devices()[0]?.id as string;
    dashboard.watch("device", [device]);
    await expect
      .poll(() => dashboard.series.get(device)?.length ?? 0, { ...POLL, message: "data from the first run" })
      .toBeGreaterThan(10);
    const before = dashboard.series.get(device)?.length ?? 0;
    await first.close();
    servers.splice(servers.indexOf(first), 1);
    await expect.poll(() => status(dashboard), POLL).toBe("reconnecting");
    const second = await startServer({ port });
    await expect
      .poll(() => dashboard.store.getState().session, { ...POLL, message: "the new session" })
      .toBe(second.session);
    await expect
      .poll(() => dashboard.series.get(device)?.length ?? 0, { ...POLL, message: "data from the second run" })
      .toBeGreaterThan(before + 5);
    const last = spy.connections.length - 1;
    const subscribe = spy.sent(last, "subscribe")[0];
    expect(subscribe?.resume).toBeUndefined();
    expect(subscribe?.after).toBeUndefined();
    expect(subscribe?.history).toBe(900);
    const held = continuity(dashboard.series.get(device));
    expect(held.first).toBe(1);
    expect(held.holes).toBe(1);
    const restarts = dashboard.store
      .getState()
      .events.filter((e) => e.message.startsWith("The server restarted"));
    expect(restarts.map((e) => e.message)).toEqual(["The server restarted: new session"]);
    expect(dashboard.series.get(device)?.resumeCursor).toBeLessThanOrEqual(second.samplesProduced(device));
  });

  it("stops retrying on 4401 and connects once a valid token is set", async () => {
    const server = await startServer({ token: "secret" });
    const { dashboard, spy } = startDashboard(server, { token: "wrong", backoff: { minMs: 20, maxMs: 40 } });
    await expect.poll(() => status(dashboard), POLL).toBe("unauthorized");
    // Absence of retries can only be shown over time: many backoff periods pass here.
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(spy.connections).toHaveLength(1);
    expect(status(dashboard)).toBe("unauthorized");
    dashboard.setToken("secret");
    await expect
      .poll(() => status(dashboard), { ...POLL, message: "live with the right token" })
      .toBe("live");
    expect(spy.sent(1, "auth")).toEqual([{ type: "auth", token: "secret" }]);
  });

  it("resends an in-flight command with the same id after a reconnect; the server runs it once", async () => {
    const server = await startServer({ commandLatency: 600 });
    const { dashboard, spy } = startDashboard(server);
    const thermostat = server.devices().find((d) => d.kind === "thermostat");
    if (!thermostat) throw new Error("the fleet has no thermostat");
    await expect.poll(() => status(dashboard), POLL).toBe("live");
    const result = dashboard.sendCommand(thermostat.id, "setTarget", { target: 24 });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    await expect
      .poll(() => spy.sent(0, "command"), { ...POLL, message: "command on the wire" })
      .toHaveLength(1);
    server.dropAll();
    await expect
      .poll(() => dashboard.store.getState().commands[result.id]?.status, {
        ...POLL,
        message: "command result",
      })
      .toBe("succeeded");
    const entry = dashboard.store.getState().commands[result.id];
    expect(entry?.attempts).toBe(2);
    expect(spy.sent(1, "command").map((c) => c.id)).toEqual([result.id]);
    expect(await commandsExecuted(server)).toBe(1);
    expect(server.deviceState(thermostat.id)?.target).toBe(24);
  });

  it("rejects invalid arguments with a message per field before sending", async () => {
    const server = await startServer();
    const { dashboard, spy } = startDashboard(server);
    await expect.poll(() => status(dashboard), POLL).toBe("live");
    const thermostat = server.devices().find((d) => d.kind === "thermostat") as { id: string };
    const result = dashboard.sendCommand(thermostat.id, "setTarget", { target: 1000 });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.target).toMatch(/at most/);
    expect(spy.sent(0, "command")).toEqual([]);
  });

  it("times out a command with no result by its deadline", async () => {
    const server = await startServer({ commandLatency: 5000 });
    const { dashboard } = startDashboard(server, { commandTimeoutMs: 300 });
    await expect.poll(() => status(dashboard), POLL).toBe("live");
    const thermostat = server.devices().find((d) => d.kind === "thermostat") as { id: string };
    const result = dashboard.sendCommand(thermostat.id, "setTarget", { target: 20 });
    if (!result.ok) throw new Error("invalid command");
    await expect
      .poll(() => dashboard.store.getState().commands[result.id]?.status, { ...POLL, message: "an outcome" })
      .not.toBe("pending");
    expect(dashboard.store.getState().commands[result.id]?.status).toBe("timed_out");
    expect(dashboard.store.getState().events.at(-1)?.message).toMatch(/timed out/);
  });

  it("coalesces many data frames into one store update per animation frame", async () => {
    const server = await startServer();
    const frames = manualRaf();
    const { dashboard } = startDashboard(server, { raf: frames.raf, cancelRaf: frames.cancelRaf });
    const ids = server.devices().map((d) => d.id);
    dashboard.watch("overview", ids);
    await vi.waitFor(() => {
      for (const id of ids) expect(dashboard.series.get(id)?.length ?? 0, id).toBeGreaterThan(20);
    }, POLL);
    let updates = 0;
    const unsubscribe = dashboard.store.subscribe((s, previous) => {
      if (s.seriesFrame !== previous.seriesFrame) updates++;
    });
    expect(frames.requested).toBe(1);
    frames.frame();
    unsubscribe();
    expect(updates).toBe(1);
    for (const id of ids) expect(dashboard.store.getState().seriesVersion[id]).toBe(1);
  });

  it("applies a device's state messages with the next animation frame, in its one update", async () => {
    const server = await startServer();
    const frames = manualRaf();
    const { dashboard } = startDashboard(server, { raf: frames.raf, cancelRaf: frames.cancelRaf });
    const thermostat = server.devices().find((d) => d.kind === "thermostat");
    if (!thermostat) throw new Error("the fleet has no thermostat");
    await expect.poll(() => status(dashboard), POLL).toBe("live");
    const result = dashboard.sendCommand(thermostat.id, "setTarget", { target: 24 });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    await expect
      .poll(() => dashboard.store.getState().commands[result.id]?.status, {
        ...POLL,
        message: "command result",
      })
      .toBe("succeeded");
    // The state arrived with the result; nothing watched, so the frame holds only the state.
    const before = dashboard.store.getState();
    expect(before.devices[thermostat.id]?.state.target).not.toBe(24);
    let updates = 0;
    const unsubscribe = dashboard.store.subscribe(() => updates++);
    frames.frame();
    unsubscribe();
    expect(updates).toBe(1);
    const after = dashboard.store.getState();
    expect(after.devices[thermostat.id]?.state).toMatchObject({
      ...before.devices[thermostat.id]?.state,
      target: 24,
    });
    expect(after.seriesFrame).toBe(before.seriesFrame);
  });
});
