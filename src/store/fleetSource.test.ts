/**
 * The dashboard core against a server whose fleet comes from a real Mosquitto broker: devices that
 * join while it is open, and the broker going away and coming back.
 */
import { afterEach, expect, it } from "vitest";
import { createMockServer, type MockServer } from "../../mock-server/src/index";
import { describeWithBroker, setupBrokers } from "../../testing/testBroker";
import { createDashboard, type Dashboard } from "./createDashboard";
import { POLL, spyWebSocket } from "./dashboardTestKit";

const METER_INFO = {
  kind: "meter",
  name: "Boiler room meter",
  rate: 5,
  metrics: [
    { key: "power", label: "Power", unit: "W", min: 0, max: 12000, decimals: 0 },
    { key: "voltage", label: "Voltage", unit: "V", min: 180, max: 270, decimals: 1 },
  ],
  commands: [],
};

describeWithBroker("createDashboard with an MQTT fleet source", () => {
  const brokers = setupBrokers();
  const servers: MockServer[] = [];
  const dashboards: Dashboard[] = [];
  afterEach(async () => {
    for (const dashboard of dashboards.splice(0)) dashboard.stop();
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });

  async function start() {
    const broker = await brokers.start();
    await broker.pub("fleet/meter-1/info", JSON.stringify(METER_INFO), { retain: true });
    await broker.pub("fleet/meter-1/status", '{"online":true}', { retain: true });
    const server = await createMockServer({
      port: 0,
      host: "127.0.0.1",
      source: broker.url,
      tick: 20,
      log: () => {},
    });
    servers.push(server);
    const dashboard = createDashboard({
      url: `ws://127.0.0.1:${server.port}/ws`,
      WebSocket: spyWebSocket().WebSocket,
      backoff: { minMs: 100, maxMs: 300 },
    });
    dashboards.push(dashboard);
    dashboard.start();
    await expect.poll(() => dashboard.store.getState().connection.status, POLL).toBe("live");
    return { broker, dashboard };
  }

  it("adds a device that joins while it is open, logs it, and streams it once watched", async () => {
    const { broker, dashboard } = await start();
    const state = () => dashboard.store.getState();
    expect(state().deviceIds).toEqual(["meter-1"]);
    expect(state().source).toMatchObject({ kind: "mqtt", broker: broker.url, connected: true });

    await broker.pub("fleet/meter-2/info", JSON.stringify({ ...METER_INFO, name: "Attic meter" }), {
      retain: true,
    });
    await broker.pub("fleet/meter-2/status", '{"online":true}', { retain: true });
    await expect
      .poll(() => state().deviceIds, { ...POLL, message: "meter-2 in the fleet" })
      .toContain("meter-2");
    expect(state().deviceIds).toEqual(["meter-1", "meter-2"]);
    expect(state().devices["meter-2"]?.info.name).toBe("Attic meter");
    expect(state().events.map((event) => event.message)).toContain(
      "Attic meter (Power meter) joined the fleet",
    );

    dashboard.watch("device", ["meter-2"]);
    await expect
      .poll(() => state().devices["meter-2"]?.online, { ...POLL, message: "meter-2 online" })
      .toBe(true);
    await broker.pub(
      "fleet/meter-2/telemetry",
      JSON.stringify({ t: Date.now(), values: { power: 42, voltage: 231 } }),
    );
    await expect
      .poll(() => dashboard.series.get("meter-2")?.length ?? 0, {
        ...POLL,
        message: "meter-2's sample stored",
      })
      .toBe(1);
  });

  it("shows the broker lost and back, in the store and the event log, while the socket stays live", async () => {
    const { broker, dashboard } = await start();
    const state = () => dashboard.store.getState();
    dashboard.watch("overview", ["meter-1"]);
    await expect
      .poll(() => state().devices["meter-1"]?.online, { ...POLL, message: "meter-1 online" })
      .toBe(true);

    await broker.stop();
    await expect
      .poll(() => state().source?.connected, { ...POLL, message: "source disconnected" })
      .toBe(false);
    await expect
      .poll(() => state().devices["meter-1"]?.online, { ...POLL, message: "meter-1 offline" })
      .toBe(false);
    expect(state().connection.status).toBe("live");
    const lost = state().events.find((event) => event.code === "source_disconnected");
    expect(lost).toMatchObject({ level: "error", message: expect.stringContaining(`lost ${broker.url}`) });

    await broker.start();
    await expect
      .poll(() => state().source?.connected, { ...POLL, message: "source connected again", timeout: 8000 })
      .toBe(true);
    expect(state().events.map((event) => event.message)).toContain(
      `The server reaches ${broker.url} again: devices report in`,
    );
  });
});
