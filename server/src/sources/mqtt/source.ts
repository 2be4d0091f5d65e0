/**
 * The MQTT fleet source: the server's fleet comes from a broker instead of the simulator. It
 * keeps one MQTT 5 connection, subscribes to every device topic and to its own response topic,
 * routes each message to the remote fleet or the commands in flight, and reports the broker
 * connection (in `/healthz` and `fleet_mqtt_connected`). While the broker is away every device
 * is offline; when it returns, retained status brings devices back.
 */
import type { SourceStatus } from "../../../../src/protocol/messages";
import type { FleetSink, FleetSource } from "../../fleetSource";
import { type BrokerSettings, connectBroker, redactUrl } from "./connect";
import { createMqttMetrics, InputGuard } from "./inputGuard";
import { RemoteCommands } from "./remoteCommands";
import { RemoteFleet } from "./remoteFleet";
import { parseDeviceTopic, responseTopic, SOURCE_SUBSCRIPTIONS } from "./topics";

/** Longest a server start waits for the broker and the retained fleet before serving anyway. */
const STARTUP_WAIT_MS = 3000;
/** Retained messages are done once none arrived for this long after subscribing. */
const SETTLE_MS = 150;

/** The source's part of `/healthz`. */
export interface SourceHealth {
  kind: "mqtt";
  /** Broker URL without credentials. */
  broker: string;
  connected: boolean;
  /** Epoch ms of the last connect or disconnect. */
  since: number;
}

/** What the source needs to know. */
export interface MqttSourceOptions {
  broker: BrokerSettings;
  log(line: string): void;
  /**
   * Keep a persistent session at the broker under this client id (clean start off, QoS 1
   * telemetry), so what devices publish while this server is down is queued by the broker and
   * stored when it returns. Set when the gateway has a durable store; unset, each run starts clean.
   */
  persistent?: { clientId: string; sessionExpirySeconds: number };
}

/**
 * A fleet source on an MQTT broker. `start` connects and resolves once the retained fleet has
 * arrived, or after `STARTUP_WAIT_MS` without a broker (it keeps retrying in the background).
 */
export function createMqttSource(options: MqttSourceOptions): FleetSource {
  let started: ReturnType<typeof startMqttSource> | undefined;
  return {
    async start(sink) {
      started = startMqttSource(options, sink);
      await started.ready;
    },
    execute: (device, command, done) =>
      (started as ReturnType<typeof startMqttSource>).execute(device, command, done),
    status: () => started?.status() ?? { kind: "mqtt", connected: false, since: 0 },
    health() {
      const source = started?.health();
      return { ok: source?.connected ?? false, source: source ?? {} };
    },
    close: async () => started?.close(),
  };
}

/** Connects to the broker and starts feeding `sink`. */
function startMqttSource(options: MqttSourceOptions, sink: FleetSink) {
  const { broker, log } = options;
  const { now } = sink;
  // The gateway's run id names its MQTT client and its response topic.
  const server = sink.session;
  const metrics = createMqttMetrics(sink.registry);
  const guard = new InputGuard(metrics, log);
  const remote = new RemoteFleet(sink, guard);
  const { persistent } = options;
  // A persistent session answers on a topic of its own id, so restarts do not pile up stale
  // response subscriptions in the broker's session.
  const ownResponses = responseTopic(persistent?.clientId ?? server);
  const client = connectBroker(
    broker,
    persistent
      ? {
          clientId: persistent.clientId,
          clean: false,
          sessionExpiryInterval: persistent.sessionExpirySeconds,
        }
      : { clientId: `fleet-server-${server}` },
  );
  const commands = new RemoteCommands({
    client,
    responseTopic: ownResponses,
    guard,
    now,
    onState: (device, state) => remote.applyState(device, state),
  });
  const where = redactUrl(broker.url);
  let connected = false;
  let since = now();
  let lastError = "";
  let subscribed = false;
  let lastFleetMessage = 0;

  client.on("connect", (connack) => {
    connected = true;
    since = now();
    lastError = "";
    metrics.connected.set(1);
    log(`mqtt: fleet source connected to ${where}`);
    sink.sourceChanged(health());
    remote.setConnected(true, connack.sessionPresent);
    client.subscribe([...SOURCE_SUBSCRIPTIONS, ownResponses], { qos: 1 }, (error, granted) => {
      // MQTT 5 brokers refuse single topics (ACLs) with a reason code >= 0x80 in the SUBACK.
      const refused = (granted ?? []).filter((grant) => grant.qos >= 0x80).map((grant) => grant.topic);
      if (refused.length)
        log(`mqtt: the broker at ${where} refused subscribing to ${refused.join(", ")} (check its ACL)`);
      if (error) log(`mqtt: subscribing at ${where} failed: ${error.message}`);
      else {
        subscribed = true;
        lastFleetMessage = Math.max(lastFleetMessage, now());
      }
    });
  });
  let closing = false;
  client.on("close", () => {
    subscribed = false;
    if (!connected || closing) return;
    connected = false;
    since = now();
    metrics.connected.set(0);
    log(`mqtt: lost the broker at ${where}; devices are offline until it returns (retrying every second)`);
    sink.sourceChanged(health());
    remote.setConnected(false);
  });
  client.on("error", (error) => {
    // mqtt.js retries every second; say each distinct problem once, not every second.
    if (error.message === lastError) return;
    lastError = error.message;
    log(`mqtt: broker ${where}: ${error.message}`);
  });
  client.on("message", (topic, payload, packet) => {
    try {
      if (topic === ownResponses) {
        metrics.messages.inc({ channel: "response" });
        commands.onResponse(payload, packet.properties?.correlationData);
        return;
      }
      const parsed = parseDeviceTopic(topic);
      if (!parsed) {
        guard.reject(topic, { reason: "bad_topic", detail: "not a valid fleet/<device>/<channel> topic" });
        return;
      }
      metrics.messages.inc({ channel: parsed.channel });
      if (parsed.channel !== "telemetry") {
        lastFleetMessage = now();
        // Only known devices get a budget, so random ids cannot grow the limiter table.
        if (remote.has(parsed.device) && !guard.allowControl(parsed.device, now())) return;
      }
      remote[parsed.channel](parsed.device, payload);
    } catch (error) {
      // One bad message must never stop the others.
      log(`mqtt: error handling ${topic}: ${(error as Error).message}`);
    }
  });

  const health = (): SourceHealth => ({ kind: "mqtt", broker: where, connected, since });

  const ready = new Promise<void>((done) => {
    const giveUpAt = now() + STARTUP_WAIT_MS;
    const check = (): void => {
      const settled = subscribed && now() - lastFleetMessage >= SETTLE_MS;
      if (settled || now() >= giveUpAt) {
        if (!connected) log(`mqtt: no broker at ${where} yet; serving an empty fleet and retrying`);
        done();
      } else setTimeout(check, 25);
    };
    check();
  });

  return {
    ready,
    health,
    status: (): SourceStatus => health(),
    execute: commands.execute,
    close: async () => {
      closing = true;
      commands.close();
      await client.endAsync(true);
    },
  };
}
