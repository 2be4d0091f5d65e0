/**
 * `createMockServer`: the simulated fleet and the gateway in one call, for `npm start`, the
 * examples and other projects' tests. It composes the gateway with its fleet source (the
 * simulator, or an MQTT broker with `source`), the MQTT publisher (`publish`: the simulator
 * acting as devices on a broker) and the simulator's network faults, and returns the gateway's
 * handle plus the simulator's test hooks.
 */
import { CommandDesk } from "../../server/src/commands";
import { startFleetClock } from "../../server/src/fleetClock";
import type { FleetSource } from "../../server/src/fleetSource";
import { createGateway, type Gateway } from "../../server/src/gateway";
import { createMqttSource } from "../../server/src/sources/mqtt/source";
import type { DeviceState } from "../../src/protocol/messages";
import { type MockServerOptions, resolveMockOptions } from "./options";
import { type MqttPublisher, startMqttPublisher } from "./publisher/publisher";
import { createRng } from "./rng";
import { buildRoster } from "./roster";
import { SimCommands } from "./simCommands";
import { type SimDevice, SimFleet, type SimSink } from "./simFleet";
import { SimulatorSource } from "./simSource";

/** A running gateway with its simulated fleet, and the simulator's test hooks. */
export interface MockServer extends Omit<Gateway, "device" | "metrics" | "startedAt" | "submit" | "store"> {
  /** The gateway's current state of a device, or undefined for an unknown id. */
  deviceState(id: string): DeviceState | undefined;
  /** Forces a simulated device offline (until set online again) or back online. */
  setOnline(id: string, online: boolean): void;
  /** Samples the gateway holds from a device this run (its latest seq). */
  samplesProduced(id: string): number;
  /** Terminates every WebSocket connection abruptly, as a network failure would. */
  dropAll(): void;
}

/** Starts the simulated fleet and a gateway. Resolves once it listens; throws `OptionError` on bad options. */
export async function createMockServer(input: MockServerOptions = {}): Promise<MockServer> {
  const { gateway: options, simulator } = resolveMockOptions(input);
  const now = (): number => Date.now();
  const log = options.log;
  // The simulator runs unless the fleet comes from a broker and nothing is published to one.
  const simFleet =
    options.source && !simulator.publish
      ? undefined
      : new SimFleet(
          buildRoster({
            seed: simulator.seed,
            rate: simulator.rate,
            devices: simulator.devices,
            spec: simulator.fleet,
          }),
          simulator,
          // A backfill starts the simulation that far in the past; it runs up to now at start.
          now() - simulator.backfill,
        );
  let publisher: MqttPublisher | undefined;
  const toPublisher: SimSink = {
    sample: (device, time, values) => publisher?.output.sample(device, time, values),
    status: (device, online, at) => publisher?.output.status(device, online, at),
    state: (device) => publisher?.output.state(device),
  };
  let simOutput: SimSink = toPublisher;
  const simCommands = new SimCommands({
    rng: createRng(simulator.seed, "commands"),
    failureRate: simulator.commandFailureRate,
    latency: simulator.commandLatency,
    now,
    onStateChange: (device) => simOutput.state(device),
  });
  const simSource =
    simFleet && !options.source
      ? new SimulatorSource(simFleet, simCommands, toPublisher, simulator.backfill > 0)
      : undefined;
  if (simSource) simOutput = simSource.output;
  const source: FleetSource =
    simSource ??
    createMqttSource({
      broker: { url: options.source as string, ...options.mqtt },
      log,
      // Only a server that stores history needs what devices sent while it was down.
      ...((options.data || options.store) && options.mqttClientId
        ? { persistent: { clientId: options.mqttClientId, sessionExpirySeconds: options.mqttSessionExpiry } }
        : {}),
    });

  let gateway: Gateway | undefined;
  if (simFleet && simulator.publish) {
    // Commands from the broker reach simulated devices through a desk, as they would reach real
    // devices: each correlation id runs at most once, whichever server resends it. When this
    // gateway serves the simulator itself, that is its own desk, shared with its dashboards.
    const ownDesk = simSource
      ? undefined
      : new CommandDesk<SimDevice>({
          find: (id) => simFleet.byId.get(id),
          execute: (device, command, done) => simCommands.run(device, command, done),
          now,
          onResult: () => {},
        });
    publisher = startMqttPublisher({
      broker: { url: simulator.publish, ...options.mqtt },
      fleet: simFleet,
      submit: (command, reply) => (ownDesk ?? gateway)?.submit(command, reply),
      log,
    });
  }
  let dropAll = (): void => {};
  try {
    await publisher?.ready;
    gateway = await createGateway(options, source, {
      sendDelay: simulator.latency,
      attach: (controls) => {
        dropAll = controls.dropAll;
      },
    });
  } catch (error) {
    simCommands.close();
    await publisher?.close();
    throw error;
  }
  const served = gateway;
  const stopSimulator = startSimulatorClock(simFleet, simSource, publisher, options.tick, now);
  const dropTimer = simulator.dropEvery > 0 ? setInterval(dropAll, simulator.dropEvery * 1000) : undefined;

  return {
    url: served.url,
    wsUrl: served.wsUrl,
    port: served.port,
    session: served.session,
    devices: served.devices,
    clients: served.clients,
    deviceState: (id) => {
      const device = served.device(id);
      return device ? { ...device.state } : undefined;
    },
    setOnline: (id, online) => {
      const device = simFleet?.byId.get(id);
      if (!device) throw new Error(`setOnline: unknown simulated device "${id}"`);
      simFleet?.setOnline(device, online, now(), simOutput);
    },
    samplesProduced: (id) => served.device(id)?.history.lastSeq ?? 0,
    dropAll: () => dropAll(),
    close: async () => {
      stopSimulator();
      clearInterval(dropTimer);
      simCommands.close();
      await publisher?.close();
      await served.close();
    },
  };
}

/**
 * Ticks the publisher: on the gateway's ticks when the gateway serves the simulator, else on the
 * simulator's own clock (the gateway serves the broker's fleet). Returns a function that stops it.
 */
function startSimulatorClock(
  simFleet: SimFleet | undefined,
  simSource: SimulatorSource | undefined,
  publisher: MqttPublisher | undefined,
  tick: number,
  now: () => number,
): () => void {
  if (!simFleet || !publisher) return () => {};
  if (simSource) {
    simSource.onTickEnd = () => publisher.endTick();
    return () => {};
  }
  const clock = startFleetClock({
    tick,
    startedAt: simFleet.startedAt,
    now,
    onTick: (at) => {
      simFleet.tick(at, publisher.output);
      publisher.endTick();
    },
  });
  return () => clock.stop();
}
