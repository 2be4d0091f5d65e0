import mqtt from "mqtt";
import { afterEach, expect, it } from "vitest";
import type { CommandResultMessage, StateMessage } from "../../../../src/protocol";
import { describeWithBroker, setupBrokers } from "../../../../testing/testBroker";
import { setupTestServers } from "../../../../testing/testServer";

const THERMO_INFO = {
  kind: "thermostat",
  name: "Lab thermostat",
  rate: 1,
  metrics: [{ key: "temperature", label: "Temperature", unit: "°C", min: 0, max: 40 }],
  commands: [
    { name: "setTarget", label: "Set target", args: { target: { type: "number", min: 5, max: 30 } } },
  ],
};

describeWithBroker("MQTT commands", () => {
  const brokers = setupBrokers();
  const servers = setupTestServers();
  const devices: mqtt.MqttClient[] = [];
  afterEach(async () => {
    await Promise.all(devices.splice(0).map((device) => device.endAsync(true)));
  });
  const log = (): void => {};

  /** A hand-written device on the broker, recording the commands it receives. */
  async function fakeDevice(url: string, id: string) {
    const client = mqtt.connect(url, { protocolVersion: 5 });
    devices.push(client);
    await new Promise((done) => client.once("connect", done));
    const received: { topic: string; payload: unknown; correlation: string; responseTopic: string }[] = [];
    client.on("message", (topic, payload, packet) => {
      received.push({
        topic,
        payload: JSON.parse(payload.toString()),
        correlation: packet.properties?.correlationData?.toString() ?? "",
        responseTopic: packet.properties?.responseTopic ?? "",
      });
    });
    await client.subscribeAsync(`fleet/${id}/commands/+`, { qos: 1 });
    await client.publishAsync(`fleet/${id}/info`, JSON.stringify(THERMO_INFO), { retain: true, qos: 1 });
    await client.publishAsync(`fleet/${id}/status`, '{"online":true}', { retain: true, qos: 1 });
    return { client, received };
  }

  it("publishes a command with response topic and correlation data, and relays the device's answer", async () => {
    const broker = await brokers.start();
    const { client: device, received } = await fakeDevice(broker.url, "thermo-x");
    const server = await servers.start({ source: broker.url, tick: 20, log });
    const client = await servers.connect(server);
    await client.request({ type: "subscribe", id: "s", devices: ["thermo-x"] });

    const deadline = Date.now() + 5000;
    client.send({
      type: "command",
      id: "cmd-1",
      device: "thermo-x",
      name: "setTarget",
      args: { target: 22 },
      deadline,
    });
    await expect.poll(() => received.length, { message: "the command at the device" }).toBe(1);
    expect(received[0]).toEqual({
      topic: "fleet/thermo-x/commands/setTarget",
      payload: { args: { target: 22 }, deadline },
      correlation: "cmd-1",
      responseTopic: `fleet-servers/${server.session}/responses`,
    });
    const answer = JSON.stringify({ ok: true, state: { target: 22 } });
    await device.publishAsync(received[0]?.responseTopic as string, answer, {
      qos: 1,
      properties: { correlationData: Buffer.from("cmd-1") },
    });
    const result = await client.waitFor<CommandResultMessage>((m) => m.type === "commandResult");
    expect(result).toEqual({ type: "commandResult", id: "cmd-1", ok: true, state: { target: 22 } });
    const state = client.messages.find((m): m is StateMessage => m.type === "state");
    expect(state).toEqual({ type: "state", device: "thermo-x", state: { target: 22 } });
    expect(server.deviceState("thermo-x")).toEqual({ target: 22 });

    // Invalid arguments never reach the device.
    const invalid = await client.request({
      type: "command",
      id: "cmd-2",
      device: "thermo-x",
      name: "setTarget",
      args: { target: 99 },
    });
    expect(invalid).toMatchObject({ ok: false, error: { code: "invalid_args" } });
    expect(received).toHaveLength(1);
  });

  it("answers timeout when the device stays silent past the deadline", async () => {
    const broker = await brokers.start();
    const { received } = await fakeDevice(broker.url, "thermo-mute");
    const server = await servers.start({ source: broker.url, tick: 20, log });
    const client = await servers.connect(server);
    const sent = Date.now();
    const result = await client.request({
      type: "command",
      id: "cmd-late",
      device: "thermo-mute",
      name: "setTarget",
      args: { target: 20 },
      deadline: sent + 300,
    });
    expect(result).toMatchObject({ ok: false, error: { code: "timeout" } });
    expect(Date.now() - sent).toBeGreaterThanOrEqual(290);
    expect(received).toHaveLength(1);
  });

  it("runs commands on the simulator behind the broker at most once, and a resend gets the original result", async () => {
    const broker = await brokers.start();
    const simulator = await servers.start({
      publish: broker.url,
      devices: 4,
      tick: 20,
      commandLatency: 5,
      log,
    });
    const server = await servers.start({ source: broker.url, tick: 20, log });
    const thermo = simulator.devices().find((d) => d.kind === "thermostat")?.id as string;
    const client = await servers.connect(server);
    await client.request({ type: "subscribe", id: "s", devices: [thermo] });

    const command = {
      type: "command",
      id: "once-1",
      device: thermo,
      name: "setTarget",
      args: { target: 27.5 },
    } as const;
    const first = await client.request(command);
    expect(first).toMatchObject({ ok: true, state: expect.objectContaining({ target: 27.5 }) });
    expect(simulator.deviceState(thermo)).toMatchObject({ target: 27.5 });
    await client.waitFor((m) => m.type === "state" && m.state.target === 27.5);

    // The same id from another server (a dashboard that reconnected elsewhere) reaches the device
    // again; the device answers with its original result instead of running it twice.
    const other = await servers.start({ source: broker.url, tick: 20, log });
    const otherClient = await servers.connect(other);
    expect(await otherClient.request(command)).toEqual(first);
    const conflict = await otherClient.request({ ...command, args: { target: 12 } });
    expect(conflict).toMatchObject({ ok: false, error: { code: "id_conflict" } });
    const executed = await (await fetch(`${simulator.url}/metrics`)).text();
    expect(executed).toContain('fleet_commands_total{result="ok"} 1\n');
    expect(simulator.deviceState(thermo)).toMatchObject({ target: 27.5 });
  });
});
