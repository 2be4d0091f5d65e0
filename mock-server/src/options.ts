/**
 * Options of the mock fleet server, shared by the CLI and `createMockServer`: one table of
 * numeric limits so both report a bad value with the same one-line message naming the flag.
 */
import { readFileSync } from "node:fs";
import { type FleetSpec, fleetSpecSchema } from "./roster";

/** Options of `createMockServer`; each mirrors a CLI flag (`tickMs` is `--tick`, etc.). */
export interface MockServerOptions {
  /** Port to listen on; 0 picks a free one (default 8080). */
  port?: number;
  /** Interface to bind (default "0.0.0.0"; tests pass "127.0.0.1"). */
  host?: string;
  /** Number of devices, spread across the kinds (default: a mix of 16). */
  devices?: number;
  /** Path of a fleet JSON file, or the parsed spec: counts per kind and rates. Wins over `devices`. */
  fleet?: string | FleetSpec;
  /** Samples per second per device (default 10). */
  rate?: number;
  /** Milliseconds per fleet tick: one data frame per tick (default 50). */
  tick?: number;
  /** Random seed: same seed and options, same fleet and values (default 1). */
  seed?: number;
  /** Seconds of samples kept per device for history/resume (default 600). */
  history?: number;
  /** When set, clients must send `{"type":"auth","token"}` first. */
  token?: string;
  /** Origins allowed to open /ws from a browser ("*" = any). Default: same host or localhost. */
  allowOrigin?: string | string[];
  /** Chance per device per second of dropping offline (default 0). */
  offlineRate?: number;
  /** Chance that an accepted command fails with `device_error` (default 0). */
  commandFailureRate?: number;
  /** Mean simulated device round trip of a command, ms (default 150). */
  commandLatency?: number;
  /** Drop every connection every N seconds, to exercise reconnects (default 0 = never). */
  dropEvery?: number;
  /** Delay every outgoing frame by N ms (default 0). */
  latency?: number;
  /** PEM certificate and key files: serve https/wss. */
  tlsCert?: string;
  tlsKey?: string;
  /** Directory of the built SPA to serve at `/` (index.html fallback for client routes). */
  static?: string;
  /** Enable permessage-deflate (default off: it costs more CPU than it saves here). */
  perMessageDeflate?: boolean;
  /** Most simultaneous WebSocket connections (default 1000); more get HTTP 503. */
  maxConnections?: number;
  /** Most devices one connection may subscribe to (default 10000). */
  maxSubscriptions?: number;
  /** Messages per second a connection may send (default 100). */
  rateLimit?: number;
  /** Bytes buffered for a client above which its live data is skipped (default 1 MiB). */
  maxBuffered?: number;
  /** Ms a client may stay over `maxBuffered` before it is closed with 1013 (default 10000). */
  slowClientTimeout?: number;
  /** Ms between server pings; a peer missing two is terminated (default 15000). */
  heartbeat?: number;
  /** Ms a client has to authenticate when a token is set (default 5000). */
  authTimeout?: number;
  /** `mqtt://host:port` or `mqtts://...`: take the fleet from this broker instead of simulating it. */
  source?: string;
  /** `mqtt://host:port` or `mqtts://...`: publish the simulated fleet to this broker as devices. */
  publish?: string;
  /** Broker login for `source` and `publish`. */
  mqttUsername?: string;
  mqttPassword?: string;
  /** PEM file of the CA that signed an `mqtts://` broker's certificate. */
  mqttCa?: string;
  /** Where MQTT problems are reported, one line each (default console.warn). */
  log?: (line: string) => void;
}

interface NumericOption {
  flag: string;
  integer: boolean;
  min: number;
  max: number;
  fallback: number;
}

type NumericKey = {
  [K in keyof MockServerOptions]-?: NonNullable<MockServerOptions[K]> extends number ? K : never;
}[keyof MockServerOptions];

/** Every numeric option with its flag, accepted range and default. */
export const NUMERIC_OPTIONS: Record<NumericKey, NumericOption> = {
  port: { flag: "port", integer: true, min: 0, max: 65535, fallback: 8080 },
  devices: { flag: "devices", integer: true, min: 1, max: 100_000, fallback: 16 },
  rate: { flag: "rate", integer: false, min: 0.01, max: 1000, fallback: 10 },
  tick: { flag: "tick", integer: true, min: 5, max: 10_000, fallback: 50 },
  seed: { flag: "seed", integer: true, min: 0, max: 2 ** 32 - 1, fallback: 1 },
  history: { flag: "history", integer: false, min: 0, max: 86_400, fallback: 600 },
  offlineRate: { flag: "offline-rate", integer: false, min: 0, max: 1, fallback: 0 },
  commandFailureRate: { flag: "command-failure-rate", integer: false, min: 0, max: 1, fallback: 0 },
  commandLatency: { flag: "command-latency", integer: true, min: 0, max: 60_000, fallback: 150 },
  dropEvery: { flag: "drop-every", integer: false, min: 0, max: 86_400, fallback: 0 },
  latency: { flag: "latency", integer: true, min: 0, max: 60_000, fallback: 0 },
  maxConnections: { flag: "max-connections", integer: true, min: 1, max: 100_000, fallback: 1000 },
  maxSubscriptions: { flag: "max-subscriptions", integer: true, min: 1, max: 1_000_000, fallback: 10_000 },
  rateLimit: { flag: "rate-limit", integer: true, min: 1, max: 1_000_000, fallback: 100 },
  maxBuffered: { flag: "max-buffered", integer: true, min: 1024, max: 2 ** 31, fallback: 1024 * 1024 },
  slowClientTimeout: {
    flag: "slow-client-timeout",
    integer: true,
    min: 100,
    max: 3_600_000,
    fallback: 10_000,
  },
  heartbeat: { flag: "heartbeat", integer: true, min: 100, max: 3_600_000, fallback: 15_000 },
  authTimeout: { flag: "auth-timeout", integer: true, min: 100, max: 3_600_000, fallback: 5000 },
};

/** A bad option value; the message names the flag and what it accepts. */
export class OptionError extends Error {
  override name = "OptionError";
}

/** Describes the accepted range of a numeric option, e.g. "an integer from 1 to 100000". */
export function describeRange(option: NumericOption): string {
  return `${option.integer ? "an integer" : "a number"} from ${option.min} to ${option.max}`;
}

/** Checks one numeric value; `raw` is what the user typed, quoted in the message. */
export function checkNumber(key: NumericKey, value: number, raw: string = String(value)): number {
  const option = NUMERIC_OPTIONS[key];
  const valid =
    Number.isFinite(value) &&
    value >= option.min &&
    value <= option.max &&
    (!option.integer || Number.isInteger(value));
  if (!valid) throw new OptionError(`--${option.flag} must be ${describeRange(option)}, got "${raw}"`);
  return value;
}

/** Options after defaults and checks, with files (fleet spec, TLS) already read. */
export type ResolvedOptions = Required<
  Omit<
    MockServerOptions,
    | "fleet"
    | "token"
    | "tlsCert"
    | "tlsKey"
    | "static"
    | "allowOrigin"
    | "devices"
    | "source"
    | "publish"
    | "mqttUsername"
    | "mqttPassword"
    | "mqttCa"
  >
> & {
  devices: number | undefined;
  fleet: FleetSpec | undefined;
  token: string | undefined;
  tls: { cert: string; key: string } | undefined;
  static: string | undefined;
  allowOrigin: string[] | undefined;
  /** Broker URLs, checked. */
  source: string | undefined;
  publish: string | undefined;
  /** Login and CA (file already read) for either broker URL. */
  mqtt: { username?: string; password?: string; ca?: string };
};

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
      `--fleet: field "${path}": ${issue?.message ?? "invalid"}; expected {"rate"?, "thermostat"|"vehicle"|"wearable"|"meter": count | {"count","rate"?}}`,
    );
  }
  return result.data;
}

function readPem(flag: string, path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    throw new OptionError(
      `--${flag} ${path}: cannot read the file (${(error as Error).message.split("\n")[0]})`,
    );
  }
}

function checkBrokerUrl(flag: string, value: string | undefined): string | undefined {
  if (value === undefined || value === "") return undefined;
  let protocol = "";
  try {
    protocol = new URL(value).protocol;
  } catch {
    // Reported below with the accepted forms.
  }
  if (protocol !== "mqtt:" && protocol !== "mqtts:")
    throw new OptionError(`--${flag} must be an mqtt://host:port or mqtts://host:port URL, got "${value}"`);
  return value;
}

function resolveMqtt(options: MockServerOptions): Pick<ResolvedOptions, "source" | "publish" | "mqtt"> {
  const source = checkBrokerUrl("source", options.source);
  const publish = checkBrokerUrl("publish", options.publish);
  if (options.mqttCa !== undefined && ![source, publish].some((url) => url?.startsWith("mqtts:")))
    throw new OptionError("--mqtt-ca needs an mqtts:// --source or --publish URL");
  const mqtt: ResolvedOptions["mqtt"] = {};
  if (options.mqttUsername) mqtt.username = options.mqttUsername;
  if (options.mqttPassword) mqtt.password = options.mqttPassword;
  if (options.mqttCa !== undefined) mqtt.ca = readPem("mqtt-ca", options.mqttCa);
  return { source, publish, mqtt };
}

/** Applies defaults and checks every option; throws `OptionError` on the first bad one. */
export function resolveOptions(options: MockServerOptions): ResolvedOptions {
  const numbers = {} as Record<NumericKey, number>;
  for (const key of Object.keys(NUMERIC_OPTIONS) as NumericKey[]) {
    const value = options[key];
    numbers[key] = value === undefined ? NUMERIC_OPTIONS[key].fallback : checkNumber(key, value);
  }
  if ((options.tlsCert === undefined) !== (options.tlsKey === undefined))
    throw new OptionError("--tls-cert and --tls-key must be given together");
  const tls =
    options.tlsCert && options.tlsKey
      ? { cert: readPem("tls-cert", options.tlsCert), key: readPem("tls-key", options.tlsKey) }
      : undefined;
  const origins =
    typeof options.allowOrigin === "string" ? options.allowOrigin.split(",") : options.allowOrigin;
  return {
    ...numbers,
    devices: options.devices,
    host: options.host ?? "0.0.0.0",
    fleet: options.fleet === undefined ? undefined : loadFleetSpec(options.fleet),
    token: options.token || undefined,
    tls,
    static: options.static,
    perMessageDeflate: options.perMessageDeflate ?? false,
    allowOrigin: origins?.map((origin) => origin.trim()).filter(Boolean),
    ...resolveMqtt(options),
    log: options.log ?? ((line) => console.warn(line)),
  };
}
