import mqtt from "mqtt";
import { afterEach, expect, it } from "vitest";
import type {
  DataMessage,
  DeviceAddedMessage,
  SourceMessage,
  StatusMessage,
  WelcomeMessage,
} from "../../../../src/protocol";
import { describeWithBroker, setupBrokers } from "../../../../testing/testBroker";
import { setupTestServers } from "../../../../testing/testServer";

const METER_INFO = {
  kind: "meter",
  name: "Pump house meter",
  rate: 5,
  metrics: [
    { key: "power", label: "Power", unit: "W", min: 0, max: 12000, decimals: 0 },
    { key: "voltage", label: "Voltage", unit: "V", min: 180, max: 270, decimals: 1 },
  ],
  commands: [{ name: "relayOff", label: "Switch relay off", args: {}, confirm: true }],
};

describeWithBroker("MQTT fleet source", () => {
  // Brokers first: after-each hooks run in reverse, so servers close before their broker dies.
  const brokers = setupBrokers();
  const servers = setupTestServers();
  const devices: mqtt.MqttClient[] = [];
  afterEach(async () => {
    await Promise.all(devices.splice(0).map((device) => device.endAsync(true)));
  });
  const logs: string[] = [];
  const log = (line: string): void => {
    logs.push(line);
  };
  afterEach(() => {
    logs.length = 0;
  });

  async function announce(
    broker: { pub: (t: string, m: string, o?: { retain?: boolean }) => Promise<void> },
    id: string,
  ) {
    await broker.pub(`fleet/${id}/info`, JSON.stringify(METER_INFO), { retain: true });
    await broker.pub(`fleet/${id}/status`, '{"online":true}', { retain: true });
    await broker.pub(`fleet/${id}/state`, '{"relay":true}', { retain: true });
  }

  it("serves telemetry published with mosquitto_pub, with seq assigned on arrival, history and state", async () => {
    const broker = await brokers.start();
    await announce(broker, "meter-a");
    const server = await servers.start({ source: broker.url, tick: 20, log });
    const client = await servers.connect(server);
    const welcome = client.messages[0] as WelcomeMessage;
    expect(welcome.fleet).toEqual([
      expect.objectContaining({
        id: "meter-a",
        kind: "meter",
        name: "Pump house meter",
        online: true,
        rate: 5,
        state: { relay: true },
      }),
    ]);

    const t0 = Date.now() - 1000;
    const samples = [0, 1, 2].map((i) => ({
      t: t0 + i * 200,
      values: { power: 600 + i, voltage: 230.04 + i },
    }));
    await broker.pub("fleet/meter-a/telemetry", JSON.stringify(samples));
    await expect.poll(() => server.samplesProduced("meter-a"), { message: "3 samples" }).toBe(3);

    await client.request({ type: "subscribe", id: "s1", devices: ["meter-a"], history: 60 });
    await client.until(() => client.seqs("meter-a").length === 3);
    expect(client.entries("meter-a")).toEqual([
      {
        device: "meter-a",
        seq: 1,
        t: [t0, t0 + 200, t0 + 400],
        values: { power: [600, 601, 602], voltage: [230, 231, 232] },
        replay: true,
      },
    ]);

    await broker.pub(
      "fleet/meter-a/telemetry",
      JSON.stringify({ t: t0 + 600, values: { power: 700, voltage: 229 } }),
    );
    await client.until(() => client.seqs("meter-a").length === 4);
    expect(client.entries("meter-a").at(-1)).toEqual({
      device: "meter-a",
      seq: 4,
      t: [t0 + 600],
      values: { power: [700], voltage: [229] },
      replay: false,
    });

    await broker.pub("fleet/meter-a/state", '{"relay":false}', { retain: true });
    await client.waitFor((m) => m.type === "state" && m.state.relay === false);
    expect(server.deviceState("meter-a")).toEqual({ relay: false });
    expect(logs.filter((line) => line.includes("ignoring"))).toEqual([]);
  });

  it("announces a device that joins after a dashboard connected, to every dashboard", async () => {
    const broker = await brokers.start();
    await announce(broker, "meter-a");
    const server = await servers.start({ source: broker.url, tick: 20, log });
    const watcher = await servers.connect(server);
    const bystander = await servers.connect(server);
    await watcher.request({ type: "subscribe", id: "s", devices: ["meter-a"] });
    expect((watcher.messages[0] as WelcomeMessage).fleet.map((d) => d.id)).toEqual(["meter-a"]);

    await announce(broker, "meter-new");
    for (const client of [watcher, bystander]) {
      const added = await client.waitFor<DeviceAddedMessage>((m) => m.type === "deviceAdded");
      expect(added.device).toMatchObject({
        id: "meter-new",
        kind: "meter",
        name: "Pump house meter",
        rate: 5,
      });
      expect(added.device.metrics.map((metric) => metric.key)).toEqual(["power", "voltage"]);
    }
    // It is a device like the others from then on: subscribe and receive its telemetry.
    await watcher.request({ type: "subscribe", id: "s2", devices: ["meter-new"] });
    await broker.pub(
      "fleet/meter-new/telemetry",
      JSON.stringify({ t: Date.now(), values: { power: 5, voltage: 230 } }),
    );
    const data = await watcher.waitFor<DataMessage>(
      (m) => m.type === "data" && m.batch.some((entry) => entry.device === "meter-new"),
    );
    expect(data.batch.find((entry) => entry.device === "meter-new")?.values.power).toEqual([5]);
    // Later connections have it in their welcome, and nobody heard of it twice.
    const late = await servers.connect(server);
    expect((late.messages[0] as WelcomeMessage).fleet.map((d) => d.id)).toEqual(["meter-a", "meter-new"]);
    expect(late.messages.some((m) => m.type === "deviceAdded")).toBe(false);
    await broker.pub("fleet/meter-new/info", JSON.stringify(METER_INFO), { retain: true });
    await broker.pub(
      "fleet/meter-new/telemetry",
      JSON.stringify({ t: Date.now(), values: { power: 6, voltage: 230 } }),
    );
    await watcher.until(() => watcher.seqs("meter-new").length === 2);
    expect(bystander.messages.filter((m) => m.type === "deviceAdded")).toHaveLength(1);
    // Clearing its retained info retires it: offline, and a line in the fleet's logbook.
    await broker.pub("fleet/meter-new/info", "", { retain: true });
    await watcher.waitFor((m) => m.type === "status" && m.device === "meter-new" && !m.online);
    const retired = async () => {
      const res = await fetch(`${server.url}/api/events?type=device_retired&device=meter-new`);
      return ((await res.json()) as { entries: { text: string }[] }).entries;
    };
    await expect.poll(async () => (await retired()).length, { timeout: 10_000 }).toBe(1);
  });

  it("counts and ignores malformed input, logs it once per device and reason, and keeps other devices flowing", async () => {
    const broker = await brokers.start();
    await announce(broker, "meter-good");
    await announce(broker, "meter-bad");
    await broker.pub("fleet/meter-worse/info", '{"kind":"toaster"}', { retain: true });
    const server = await servers.start({ source: broker.url, tick: 20, log });
    const client = await servers.connect(server);
    expect((client.messages[0] as WelcomeMessage).fleet.map((d) => d.id).sort()).toEqual([
      "meter-bad",
      "meter-good",
    ]);
    await client.request({ type: "subscribe", id: "s", devices: ["*"] });

    const now = Date.now();
    const good = (i: number) => ({ t: now + i, values: { power: 100, voltage: 230 } });
    await broker.pub("fleet/meter-bad/telemetry", "{not json");
    await broker.pub("fleet/meter-bad/telemetry", "[1,");
    await broker.pub(
      "fleet/meter-bad/telemetry",
      JSON.stringify({ t: now, values: { power: 1, voltage: 230, rpm: 3 } }),
    );
    await broker.pub(
      "fleet/meter-bad/telemetry",
      JSON.stringify({ t: now, values: { power: "high", voltage: 230 } }),
    );
    await broker.pub(
      "fleet/meter-bad/telemetry",
      JSON.stringify({ t: now, values: { power: 99999, voltage: 230 } }),
    );
    await broker.pub("fleet/meter-bad/status", '{"online":"yes"}');
    await broker.pub("fleet/meter-nobody/telemetry", JSON.stringify(good(0)));
    // A flood: 500 samples at once from a device declared at 5/s (its budget is 20/s, bursts of 40).
    await broker.pub(
      "fleet/meter-bad/telemetry",
      JSON.stringify(Array.from({ length: 500 }, (_, i) => good(10 + i))),
    );
    await broker.pub("fleet/meter-good/telemetry", JSON.stringify(good(1)));
    await client.until(() => client.seqs("meter-good").length === 1);
    await expect
      .poll(() => server.samplesProduced("meter-bad"), { message: "the bad meter's first flood samples" })
      .toBeGreaterThan(0);

    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    const rejected = (reason: string) =>
      Number(new RegExp(`fleet_mqtt_rejected_total\\{reason="${reason}"\\} (\\d+)`).exec(metrics)?.[1] ?? 0);
    expect({
      bad_json: rejected("bad_json"),
      unknown_metric: rejected("unknown_metric"),
      bad_value: rejected("bad_value"),
      out_of_range: rejected("out_of_range"),
      bad_status: rejected("bad_status"),
      bad_info: rejected("bad_info"),
      unknown_device: rejected("unknown_device"),
    }).toEqual({
      bad_json: 2,
      unknown_metric: 1,
      bad_value: 1,
      out_of_range: 1,
      bad_status: 1,
      bad_info: 1,
      unknown_device: 1,
    });
    // The budget (bursts of 40, refilled at 20/s) let the first ~40 through; the rest is flood.
    const accepted = server.samplesProduced("meter-bad");
    expect(accepted).toBeGreaterThanOrEqual(35);
    expect(accepted).toBeLessThanOrEqual(45);
    expect(rejected("flood")).toBe(500 - accepted);
    const ignoring = logs.filter((line) => line.includes("ignoring input"));
    expect(ignoring.filter((line) => line.includes("meter-bad: bad_json"))).toHaveLength(1);
    expect(ignoring).toContainEqual(
      expect.stringContaining('meter-bad: unknown_metric: unknown metric "rpm"'),
    );
    expect(ignoring).toContainEqual(expect.stringContaining('meter-worse: bad_info: field "kind"'));
    // A flood of state changes reaches dashboards only within the budget (bursts of 20, 10/s).
    const flooder = mqtt.connect(broker.url, { protocolVersion: 5 });
    devices.push(flooder);
    await new Promise((done) => flooder.once("connect", done));
    await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        flooder.publishAsync("fleet/meter-bad/state", JSON.stringify({ relay: i % 2 === 0 }), { qos: 1 }),
      ),
    );
    const stateMessages = async () => {
      const text = await (await fetch(`${server.url}/metrics`)).text();
      return Number(/fleet_mqtt_messages_total\{channel="state"\} (\d+)/.exec(text)?.[1]);
    };
    await expect
      .poll(stateMessages, { message: "the 60 state messages at the server" })
      .toBeGreaterThanOrEqual(62);
    // Frames still on their way (a compressed one is inflated asynchronously) arrive meanwhile.
    const states = () => client.messages.filter((m) => m.type === "state" && m.device === "meter-bad").length;
    await expect.poll(states, { message: "state messages at the dashboard" }).toBeGreaterThanOrEqual(15);
    expect(states()).toBeLessThanOrEqual(25);
    // Nothing invalid reached the dashboard: every value it got is a number inside the range.
    const powers = client.entries("meter-bad").flatMap((entry) => entry.values.power ?? []);
    expect(powers.every((value) => value === 100)).toBe(true);
    expect(client.messages.some((m) => m.type === "status")).toBe(false);
  });

  it("marks a device offline when its Last Will fires, and refuses its commands", async () => {
    const broker = await brokers.start();
    const device = mqtt.connect(broker.url, {
      protocolVersion: 5,
      will: {
        topic: "fleet/meter-lw/status",
        payload: Buffer.from('{"online":false}'),
        retain: true,
        qos: 1,
      },
    });
    devices.push(device);
    await new Promise((done) => device.once("connect", done));
    await device.publishAsync("fleet/meter-lw/info", JSON.stringify(METER_INFO), { retain: true, qos: 1 });
    await device.publishAsync("fleet/meter-lw/status", '{"online":true}', { retain: true, qos: 1 });
    const server = await servers.start({ source: broker.url, tick: 20, log });
    const client = await servers.connect(server);
    expect((client.messages[0] as WelcomeMessage).fleet[0]?.online).toBe(true);
    await client.request({ type: "subscribe", id: "s", devices: ["meter-lw"] });

    device.stream.destroy();
    const status = await client.waitFor<StatusMessage>((m) => m.type === "status");
    expect(status).toMatchObject({ device: "meter-lw", online: false });
    expect(server.devices()[0]?.online).toBe(false);
    const result = await client.request({ type: "command", id: "c1", device: "meter-lw", name: "relayOff" });
    expect(result).toMatchObject({ ok: false, error: { code: "device_offline" } });
  });

  it("reports a lost broker in /healthz and device status, and recovers when it restarts", async () => {
    const broker = await brokers.start();
    const simulator = await servers.start({ publish: broker.url, devices: 2, rate: 20, tick: 20, log });
    const server = await servers.start({ source: broker.url, tick: 20, log });
    const client = await servers.connect(server);
    const welcome = client.messages[0] as WelcomeMessage;
    expect(welcome.source).toEqual({
      kind: "mqtt",
      broker: broker.url,
      connected: true,
      since: expect.any(Number),
    });
    const ids = welcome.fleet.map((d) => d.id);
    expect(ids).toEqual(simulator.devices().map((d) => d.id));
    await client.request({ type: "subscribe", id: "s", devices: ["*"] });
    const first = ids[0] as string;
    await client.until(() => client.seqs(first).length > 3);
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ ok: true, source: { kind: "mqtt", connected: true } });

    await broker.stop();
    await client.until(() =>
      ids.every((id) => client.messages.some((m) => m.type === "status" && m.device === id && !m.online)),
    );
    // Every client hears it once, subscribed or not, so a dashboard can say why all went dark.
    const lost = await client.waitFor<SourceMessage>((m) => m.type === "source");
    expect(lost).toEqual({
      type: "source",
      kind: "mqtt",
      broker: broker.url,
      connected: false,
      since: expect.any(Number),
    });
    const down = await fetch(`${server.url}/healthz`);
    expect(down.status).toBe(503);
    expect(await down.json()).toMatchObject({ ok: false, source: { connected: false, broker: broker.url } });
    const seenBefore = client.seqs(first).length;

    await broker.start();
    await client.until(
      () =>
        ids.every((id) => client.messages.some((m) => m.type === "status" && m.device === id && m.online)),
      8000,
    );
    await client.until(() => client.seqs(first).length > seenBefore + 3, 5000);
    const sourceNews = client.messages.filter((m): m is SourceMessage => m.type === "source");
    expect(sourceNews.map((m) => m.connected)).toEqual([false, true]);
    // Seqs continue where they were: no duplicates, no holes (nothing was produced meanwhile).
    const seqs = client.seqs(first);
    expect(seqs).toEqual(seqs.map((_, i) => (seqs[0] as number) + i));
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });
});
