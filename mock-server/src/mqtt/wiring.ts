/**
 * Plugs the MQTT pieces into a server: the fleet source (`--source`: dashboards are served the
 * broker's fleet) and the publisher (`--publish`: the simulator acts as devices on a broker).
 * With both, one process runs the whole real path: simulator -> broker -> server -> dashboards.
 */
import type { Registry } from "prom-client";
import { CommandDesk } from "../commands";
import type { Fleet, FleetEvent } from "../fleet";
import { startFleetClock } from "../fleetClock";
import { createMetrics } from "../metrics";
import type { ResolvedOptions } from "../options";
import { createRng } from "../rng";
import type { BrokerSettings } from "./connect";
import { type MqttPublisher, startMqttPublisher } from "./publisher";
import { type MqttSource, type SourceHealth, startMqttSource } from "./source";

/** What the server passes in. */
export interface MqttWiringOptions {
  options: ResolvedOptions;
  session: string;
  /** The fleet dashboards are served. */
  fleet: Fleet;
  /** The simulated fleet, when the simulator runs. */
  simFleet: Fleet | undefined;
  registry: Registry;
  now(): number;
  broadcast(event: FleetEvent): void;
}

/** The MQTT side of one server (every member is inert when no MQTT flag was given). */
export interface MqttWiring {
  source: MqttSource | undefined;
  publisher: MqttPublisher | undefined;
  /** Hands over the server's command desk (used by the publisher when it runs the served fleet). */
  attachDesk(desk: CommandDesk): void;
  /** Resolves once the source has its retained fleet and the publisher's devices are announced. */
  ready: Promise<void>;
  /** Starts the simulator's own clock when it is not the one serving dashboards. */
  startClock(tick: number): void;
  /** Fields for `/healthz`. */
  health(): { ok?: boolean; source?: SourceHealth };
  close(): Promise<void>;
}

function brokerOf(url: string, options: ResolvedOptions): BrokerSettings {
  return { url, ...options.mqtt };
}

/** Starts whatever the options ask for. */
export function startMqtt(wiring: MqttWiringOptions): MqttWiring {
  const { options, session, fleet, simFleet, now, broadcast } = wiring;
  const { log } = options;
  const source = options.source
    ? startMqttSource({
        broker: brokerOf(options.source, options),
        server: session,
        fleet,
        registry: wiring.registry,
        now,
        onEvent: broadcast,
        log,
      })
    : undefined;
  let desk: CommandDesk | undefined;
  const publisher =
    options.publish && simFleet
      ? startMqttPublisher({
          broker: brokerOf(options.publish, options),
          fleet: simFleet,
          submit: (command, reply) => desk?.submit(command, reply),
          log,
        })
      : undefined;
  // When dashboards see the broker's fleet, the simulator behind the broker has its own desk:
  // commands reach it only from the broker, as they would reach real devices.
  const ownDesk =
    publisher && simFleet && simFleet !== fleet
      ? new CommandDesk({
          fleet: simFleet,
          now,
          rng: createRng(options.seed, "commands"),
          failureRate: options.commandFailureRate,
          latency: options.commandLatency,
          onStateChange: (device) => publisher.stateChanged(device),
          onResult: () => {},
        })
      : undefined;
  desk = ownDesk;
  let clock: { stop(): void } | undefined;

  return {
    source,
    publisher,
    attachDesk(served) {
      desk ??= served;
    },
    ready: Promise.all([source?.ready, publisher?.ready]).then(() => undefined),
    startClock(tick) {
      if (!publisher || !simFleet || simFleet === fleet) return;
      clock = startFleetClock({
        fleet: simFleet,
        tick,
        // The simulator behind the broker is not what this server serves: its own registry.
        metrics: createMetrics(() => 0),
        now,
        onTick: (_at, events) => publisher.onTick(events),
      });
    },
    health() {
      if (!source) return {};
      const health = source.health();
      return { ok: health.connected, source: health };
    },
    async close() {
      clock?.stop();
      ownDesk?.close();
      await publisher?.close();
      await source?.close();
    },
  };
}
