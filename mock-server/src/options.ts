/**
 * Options of the simulated fleet and of `createMockServer` (the simulator plus the gateway):
 * fleet size and physics, the seed, and fault injection. Checked with the gateway's numeric
 * table machinery, so every bad value gets the same one-line message naming the flag.
 */
import { readFileSync } from "node:fs";
import {
  checkBrokerUrl,
  type GatewayOptions,
  type NumericKeys,
  type NumericOption,
  OptionError,
  type ResolvedOptions,
  resolveNumbers,
  resolveOptions,
} from "../../server/src/options";
import { DEVICE_KINDS } from "../../src/protocol/constants";
import { type FleetSpec, fleetSpecSchema } from "./roster";

/** What the simulator adds to the gateway's options; each mirrors a CLI flag. */
export interface SimulatorOptions {
  /** Number of devices, spread across the kinds (default: a mix of 16). */
  devices?: number;
  /** Path of a fleet JSON file, or the parsed spec: counts per kind and rates. Wins over `devices`. */
  fleet?: string | FleetSpec;
  /** Samples per second per device (default 10). */
  rate?: number;
  /** Random seed: same seed and options, same fleet and values (default 1). */
  seed?: number;
  /** Fault: chance per device per second of dropping offline (default 0). */
  offlineRate?: number;
  /** Fault: chance that an accepted command fails with `device_error` (default 0). */
  commandFailureRate?: number;
  /** Mean simulated device round trip of a command, ms (default 150). */
  commandLatency?: number;
  /** Fault: drop every connection every N seconds, to exercise reconnects (default 0 = never). */
  dropEvery?: number;
  /** Fault: delay every outgoing frame by N ms (default 0). */
  latency?: number;
  /** `mqtt://host:port` or `mqtts://...`: publish the simulated fleet to this broker as devices. */
  publish?: string;
  /** Ms of the simulated fleet's past written to the store at start (`--backfill 24h`; default 0). */
  backfill?: number;
}

/** Options of `createMockServer`: the gateway's and the simulator's. */
export type MockServerOptions = GatewayOptions & SimulatorOptions;

type SimNumericKey = NumericKeys<SimulatorOptions>;

/** Every numeric simulator option with its flag, accepted range and default. */
export const SIMULATOR_NUMBERS: Record<SimNumericKey, NumericOption> = {
  devices: { flag: "devices", integer: true, min: 1, max: 100_000, fallback: 16 },
  rate: { flag: "rate", integer: false, min: 0.01, max: 1000, fallback: 10 },
  seed: { flag: "seed", integer: true, min: 0, max: 2 ** 32 - 1, fallback: 1 },
  offlineRate: { flag: "offline-rate", integer: false, min: 0, max: 1, fallback: 0 },
  commandFailureRate: { flag: "command-failure-rate", integer: false, min: 0, max: 1, fallback: 0 },
  commandLatency: { flag: "command-latency", integer: true, min: 0, max: 60_000, fallback: 150 },
  dropEvery: { flag: "drop-every", integer: false, min: 0, max: 86_400, fallback: 0 },
  latency: { flag: "latency", integer: true, min: 0, max: 60_000, fallback: 0 },
  backfill: { flag: "backfill", integer: true, min: 0, max: 400 * 86_400_000, fallback: 0, unit: "duration" },
};

/** Simulator options after defaults and checks, with the fleet file read. */
export type ResolvedSimulatorOptions = Record<Exclude<SimNumericKey, "devices">, number> & {
  /** Undefined: the default mix of 16 (or the fleet spec decides). */
  devices: number | undefined;
  fleet: FleetSpec | undefined;
  publish: string | undefined;
};

/** Both halves, resolved. */
export interface ResolvedMockOptions {
  gateway: ResolvedOptions;
  simulator: ResolvedSimulatorOptions;
}

/** The kinds a fleet spec may count, as its error message lists them. */
const KIND_NAMES = DEVICE_KINDS.map((kind) => `"${kind}"`).join("|");

/** Reads and validates a fleet file or spec object. */
export function loadFleetSpec(fleet: string | FleetSpec): FleetSpec {
  let value: unknown = fleet;
  if (typeof fleet === "string") {
    try {
      value = JSON.parse(readFileSync(fleet, "utf8"));
    } catch (error) {
      throw new OptionError(
        `--fleet ${fleet}: cannot read a JSON file (${(error as Error).message.split("\n")[0]})`,
      );
    }
  }
  const result = fleetSpecSchema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    const path = issue?.path.map(String).join(".") || "(root)";
    throw new OptionError(
      `--fleet: field "${path}": ${issue?.message ?? "invalid"}; expected {"rate"?, ${KIND_NAMES}: count | {"count","rate"?}}`,
    );
  }
  return result.data;
}

/** Applies defaults and checks every option; throws `OptionError` on the first bad one. */
export function resolveMockOptions(options: MockServerOptions): ResolvedMockOptions {
  const { devices, ...numbers } = resolveNumbers(SIMULATOR_NUMBERS, options);
  const publish = checkBrokerUrl("publish", options.publish);
  const gateway = resolveOptions(options, publish?.startsWith("mqtts:") ?? false);
  if (numbers.backfill > 0 && !(gateway.data || gateway.store))
    throw new OptionError("--backfill needs a history store: add --data DIR or --store URL");
  if (numbers.backfill > 0 && gateway.source)
    throw new OptionError(
      "--backfill fills the store with the simulated fleet; it cannot be used with --source",
    );
  return {
    gateway,
    simulator: {
      ...numbers,
      devices: options.devices === undefined ? undefined : devices,
      fleet: options.fleet === undefined ? undefined : loadFleetSpec(options.fleet),
      publish,
    },
  };
}
