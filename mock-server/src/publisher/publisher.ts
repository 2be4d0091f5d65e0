/**
 * The simulator acting as real devices on a broker (`--publish`): each simulated device gets its
 * own MQTT 5 connection with a Last Will, publishes its retained info, status and state, streams
 * its samples as telemetry, and obeys commands from the broker. Commands go through the
 * simulator's command desk keyed by correlation id, so a command resent (by any server) runs at
 * most once and gets the original answer. It hears the simulated fleet as a `SimSink`: samples
 * and status changes are held until `endTick`, so a tick's telemetry is published before the
 * status that followed it.
 */
import { randomBytes } from "node:crypto";
import type { MqttClient } from "mqtt";
import type { ResultListener } from "../../../server/src/fleetSource";
import { roundTo } from "../../../server/src/history";
import { type BrokerSettings, connectBroker, redactUrl } from "../../../server/src/sources/mqtt/connect";
import { commandWildcard, deviceTopic, parseCommandTopic } from "../../../server/src/sources/mqtt/topics";
import type { CommandArgs, CommandMessage } from "../../../src/protocol";
import type { SimDevice, SimFleet, SimSink } from "../simFleet";

/** Longest a server start waits for every simulated device to reach the broker. */
const STARTUP_WAIT_MS = 3000;
const OFFLINE = JSON.stringify({ online: false });
/** Longest a device waits for the broker to take its goodbye status on close. */
const CLOSE_WAIT_MS = 500;

/** What the publisher needs from the server. */
export interface MqttPublisherOptions {
  broker: BrokerSettings;
  /** The simulated fleet to publish. */
  fleet: SimFleet;
  /** Runs a command on the simulated fleet (the simulator's command desk). */
  submit(command: CommandMessage, reply: ResultListener): void;
  log(line: string): void;
}

/** A running publisher. */
export interface MqttPublisher {
  /** Resolves once every device connected and announced itself, or after `STARTUP_WAIT_MS`. */
  ready: Promise<void>;
  /** Hears the simulated fleet's samples, status and state changes. */
  output: SimSink;
  /** Publishes the telemetry, then the status changes, held since the last call. */
  endTick(): void;
  /** Marks every device offline on the broker and disconnects. */
  close(): Promise<void>;
}

function publishRetained(client: MqttClient, topic: string, payload: string): void {
  client.publish(topic, payload, { qos: 1, retain: true });
}

/** One telemetry row `{"t","values"}`, each value rounded to its metric's decimals. */
function rowOf(device: SimDevice, time: number, values: readonly number[]) {
  const row: Record<string, number> = {};
  device.model.metrics.forEach((metric, m) => {
    row[metric.key] = roundTo(values[m] as number, 10 ** metric.decimals);
  });
  return { t: time, values: row };
}

function parseArgs(payload: Buffer): { args: CommandArgs; deadline?: number } | undefined {
  try {
    const body = JSON.parse(payload.toString("utf8")) as { args?: unknown; deadline?: unknown };
    const args = body.args ?? {};
    if (typeof args !== "object" || args === null || Array.isArray(args)) return undefined;
    for (const value of Object.values(args))
      if (!["number", "boolean", "string"].includes(typeof value)) return undefined;
    const deadline = typeof body.deadline === "number" ? body.deadline : undefined;
    return { args: args as CommandArgs, ...(deadline !== undefined ? { deadline } : {}) };
  } catch {
    return undefined;
  }
}

/** Connects every simulated device to the broker. */
export function startMqttPublisher(options: MqttPublisherOptions): MqttPublisher {
  const { broker, fleet, submit, log } = options;
  const suffix = randomBytes(3).toString("hex");
  const clients = new Map<SimDevice, MqttClient>();
  let announced = 0;
  const reported = new Set<string>();

  for (const device of fleet.devices) {
    const client = connectBroker(broker, {
      clientId: `fleet-sim-${device.id}-${suffix}`,
      will: { topic: deviceTopic(device.id, "status"), payload: Buffer.from(OFFLINE), qos: 1, retain: true },
    });
    clients.set(device, client);
    let first = true;
    client.on("connect", () => {
      const { id, kind, name, rate, model } = device;
      const info = { kind, name, rate, metrics: model.metrics, commands: model.commands };
      publishRetained(client, deviceTopic(id, "info"), JSON.stringify(info));
      publishRetained(client, deviceTopic(id, "state"), JSON.stringify(model.state));
      publishRetained(client, deviceTopic(id, "status"), JSON.stringify({ online: device.online }));
      client.subscribe(commandWildcard(id), { qos: 1 }, () => {
        if (first) announced++;
        first = false;
      });
    });
    // mqtt.js retries every second; each distinct problem is said once for the whole fleet.
    client.on("error", (error) => {
      if (reported.has(error.message)) return;
      reported.add(error.message);
      log(`mqtt: simulated devices at ${redactUrl(broker.url)}: ${error.message}`);
    });
    client.on("message", (topic, payload, packet) => {
      const name = parseCommandTopic(topic, device.id);
      const id = packet.properties?.correlationData?.toString("utf8");
      const replyTo = packet.properties?.responseTopic;
      if (name === undefined || !id || id.length > 64 || !replyTo) return;
      const answer = (body: object): void => {
        client.publish(replyTo, JSON.stringify(body), {
          qos: 1,
          properties: { correlationData: packet.properties?.correlationData as Buffer },
        });
      };
      const body = parseArgs(payload);
      if (!body) {
        answer({
          ok: false,
          error: { code: "invalid_args", message: "payload must be {args?: {...}, deadline?: number}" },
        });
        return;
      }
      submit({ type: "command", id, device: device.id, name, ...body }, (result) => {
        answer(result.ok ? { ok: true, state: result.state } : { ok: false, error: result.error });
      });
    });
  }
  log(`mqtt: publishing ${fleet.devices.length} simulated devices to ${redactUrl(broker.url)}`);

  const ready = new Promise<void>((done) => {
    const giveUpAt = Date.now() + STARTUP_WAIT_MS;
    const check = (): void => {
      if (announced >= clients.size || Date.now() >= giveUpAt) done();
      else setTimeout(check, 20);
    };
    check();
  });

  const rows = new Map<SimDevice, ReturnType<typeof rowOf>[]>();
  const statuses: { device: SimDevice; online: boolean }[] = [];
  const output: SimSink = {
    sample(device, time, values) {
      const held = rows.get(device);
      if (held) held.push(rowOf(device, time, values));
      else rows.set(device, [rowOf(device, time, values)]);
    },
    status(device, online) {
      statuses.push({ device, online });
    },
    state(device) {
      const client = clients.get(device);
      if (client?.connected)
        publishRetained(client, deviceTopic(device.id, "state"), JSON.stringify(device.model.state));
    },
  };

  return {
    ready,
    output,
    endTick() {
      for (const [device, held] of rows) {
        const client = clients.get(device);
        if (client?.connected)
          // QoS 1, as real devices should: a server with a persistent session gets it queued
          // by the broker while it is down.
          client.publish(deviceTopic(device.id, "telemetry"), JSON.stringify(held), { qos: 1 });
      }
      rows.clear();
      for (const { device, online } of statuses.splice(0)) {
        const client = clients.get(device);
        if (client?.connected)
          publishRetained(client, deviceTopic(device.id, "status"), JSON.stringify({ online }));
      }
    },
    close: async () => {
      await Promise.all(
        [...clients].map(async ([device, client]) => {
          if (client.connected) {
            // A broker that just died never acknowledges: say goodbye briefly, then leave anyway.
            const goodbye = client.publishAsync(deviceTopic(device.id, "status"), OFFLINE, {
              qos: 1,
              retain: true,
            });
            await Promise.race([
              goodbye.catch(() => {}),
              new Promise((done) => setTimeout(done, CLOSE_WAIT_MS)),
            ]);
          }
          await client.endAsync(true);
        }),
      );
    },
  };
}
