import { describe, expect, it } from "vitest";
import { SERVER_STATS_MS, type ServerStatsMessage } from "../../src/protocol";
import { setupTestServers } from "../../testing/testServer";
import { percentile, ServerStatsMeter } from "./serverStats";

const { start, connect } = setupTestServers();

describe("ServerStatsMeter", () => {
  it("rates values over the interval, takes the p99 tick lag, and starts a new interval", () => {
    const meter = new ServerStatsMeter(0);
    meter.ingested(3000);
    for (let i = 1; i <= 100; i++) meter.tick(i);
    const source = { kind: "mqtt" as const, connected: false, since: 0 };
    const stats = meter.snapshot({ at: 2000, dashboards: 3, store: undefined, source, webhooks: undefined });
    expect(stats).toMatchObject({ valuesPerSecond: 1500, tickLagP99Ms: 99, dashboards: 3 });
    expect(stats).toMatchObject({ store: null, brokerConnected: false, webhookFailures: null });
    const next = meter.snapshot({ at: 3000, dashboards: 0, store: undefined, source, webhooks: undefined });
    expect(next).toMatchObject({ valuesPerSecond: 0, tickLagP99Ms: 0 });
    expect(percentile([], 0.99)).toBe(0);
  });
});

describe("serverStats: the server's own health on every dashboard", () => {
  it("is sent every few seconds, counting dashboards and ingested values", { timeout: 20_000 }, async () => {
    const server = await start({ devices: 4, rate: 10, tick: 20 });
    const client = await connect(server);
    await connect(server);
    const stats = await client.waitFor<ServerStatsMessage>((m) => m.type === "serverStats", {
      timeoutMs: SERVER_STATS_MS * 2,
    });
    expect(stats.dashboards).toBe(2);
    expect(stats.valuesPerSecond).toBeGreaterThan(0);
    expect(stats.brokerConnected).toBeNull();
    expect(stats.tickLagP99Ms).toBeGreaterThanOrEqual(0);
  });
});
