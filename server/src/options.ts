/**
 * Options of the gateway, shared by the CLI and `createGateway`: one table of numeric limits so
 * both report a bad value with the same one-line message naming the flag. The simulator's own
 * options (fleet size, seed, faults) live in mock-server/src/options.ts and use the same checks.
 * About 435 lines, kept whole: most of it is the option interface and the numeric table, one line
 * per flag, which read best next to the checks that use them.
 */
import { readFileSync } from "node:fs";
import { hostname } from "node:os";
import bytes from "bytes";
import ms from "ms";
import type { AuditSink } from "./access/actor";
import type { UserDirectory } from "./access/userDirectory";

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/** Options of the gateway; each mirrors a CLI flag (`tick` is `--tick`, etc.). */
export interface GatewayOptions {
  /** Port to listen on; 0 picks a free one (default 8080). */
  port?: number;
  /** Interface to bind (default "0.0.0.0"; tests pass "127.0.0.1"). */
  host?: string;
  /** Milliseconds per fleet tick: one data frame per tick (default 50). */
  tick?: number;
  /** Seconds of samples kept per device for history/resume (default 600). */
  history?: number;
  /** The shared token (operator role): clients send `{"type":"auth","token"}` first, or sign in. */
  token?: string;
  /** A session ends after this long without a request or message, ms (default 12 h). */
  sessionIdle?: number;
  /** A session ends this long after sign-in whatever its activity, ms (default 7 d). */
  sessionMax?: number;
  /** Behind a TLS proxy: take the client's address and scheme from X-Forwarded-For / -Proto. */
  trustProxy?: boolean;
  /**
   * Users to sign in, in memory (createMemoryDirectory, for tests and embedders). Default: the
   * store's (`users.json` in `data`, tables in `store`), or none.
   */
  users?: UserDirectory;
  /** Where audit lines go when the gateway should not keep its own audit log (tests). */
  audit?: AuditSink;
  /** Origins allowed to open /ws from a browser ("*" = any). Default: same host or localhost. */
  allowOrigin?: string | string[];
  /** PEM certificate and key files: serve https/wss. */
  tlsCert?: string;
  tlsKey?: string;
  /** Directory of the built SPA to serve at `/` (index.html fallback for client routes). */
  static?: string;
  /**
   * permessage-deflate (default on): each shared frame is compressed once for every client that
   * negotiated it (fanout.ts); a client's own messages go uncompressed.
   */
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
  /** Broker login for `source` and `publish`. */
  mqttUsername?: string;
  mqttPassword?: string;
  /**
   * Client id of this server's persistent MQTT session (with a durable store); default
   * `fleet-gateway-<hostname>-<port>`. Each server sharing a broker needs its own.
   */
  mqttClientId?: string;
  /** Seconds the broker keeps this server's session (and queues telemetry) while it is down (default 86400). */
  mqttSessionExpiry?: number;
  /** PEM file of the CA that signed an `mqtts://` broker's certificate. */
  mqttCa?: string;
  /**
   * Directory of the embedded history store (created if absent). Unset, and no `store`: history
   * lives in memory only, for `history` seconds, as before v1.2.
   */
  data?: string;
  /** `postgres://user@host/db`: keep history in PostgreSQL, shared by several servers. Wins over `data`. */
  store?: string;
  /** How long raw samples are kept, ms (default 24 h). */
  retentionRaw?: number;
  /** How long per-minute rollups are kept, ms (default 30 d). */
  retention1m?: number;
  /** How long per-hour rollups are kept, ms (default 365 d). */
  retention1h?: number;
  /** How long the logbook's entries (`/api/events`) are kept, ms (default 90 d). */
  retentionEvents?: number;
  /** How long audit lines (`/api/audit`) are kept, ms (default 365 d). */
  retentionAudit?: number;
  /** Hard cap on the store's bytes on disk; the oldest data goes first (default 2 GiB). */
  storeMaxBytes?: number;
  /** Bytes of samples waiting for the store before new ones are dropped and counted (default 64 MiB). */
  storeBufferBytes?: number;
  /** URLs every alert transition is POSTed to (`--webhook`, repeatable; docs/ALERTS.md). */
  webhook?: string | string[];
  /** Signs webhook bodies: `X-Fleet-Signature: sha256=<HMAC-SHA256 hex>`. */
  webhookSecret?: string;
  /** Where MQTT problems are reported, one line each (default console.warn). */
  log?: (line: string) => void;
}

/** A numeric flag: its name, whether it takes only integers, its range and its default. */
export interface NumericOption {
  flag: string;
  integer: boolean;
  min: number;
  max: number;
  fallback: number;
  /** Written on the command line as a duration (`90s`, `15m`, `24h`, `30d`) or a size (`64MB`, `2GB`). */
  unit?: "duration" | "bytes";
}

/** The keys of `T` whose values are numbers. */
export type NumericKeys<T> = {
  [K in keyof T]-?: NonNullable<T[K]> extends number ? K : never;
}[keyof T];

type NumericKey = NumericKeys<GatewayOptions>;

/** Every numeric gateway option with its flag, accepted range and default. */
export const GATEWAY_NUMBERS: Record<NumericKey, NumericOption> = {
  port: { flag: "port", integer: true, min: 0, max: 65535, fallback: 8080 },
  tick: { flag: "tick", integer: true, min: 5, max: 10_000, fallback: 50 },
  history: { flag: "history", integer: false, min: 0, max: 86_400, fallback: 600 },
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
  retentionRaw: {
    flag: "retention-raw",
    integer: true,
    min: MINUTE_MS,
    max: 3650 * DAY_MS,
    fallback: DAY_MS,
    unit: "duration",
  },
  retention1m: {
    flag: "retention-1m",
    integer: true,
    min: HOUR_MS,
    max: 3650 * DAY_MS,
    fallback: 30 * DAY_MS,
    unit: "duration",
  },
  retention1h: {
    flag: "retention-1h",
    integer: true,
    min: DAY_MS,
    max: 3650 * DAY_MS,
    fallback: 365 * DAY_MS,
    unit: "duration",
  },
  retentionEvents: {
    flag: "retention-events",
    integer: true,
    min: HOUR_MS,
    max: 3650 * DAY_MS,
    fallback: 90 * DAY_MS,
    unit: "duration",
  },
  retentionAudit: {
    flag: "retention-audit",
    integer: true,
    min: DAY_MS,
    max: 3650 * DAY_MS,
    fallback: 365 * DAY_MS,
    unit: "duration",
  },
  storeMaxBytes: {
    flag: "store-max-bytes",
    integer: true,
    min: 1024 ** 2,
    max: 1024 ** 5,
    fallback: 2 * 1024 ** 3,
    unit: "bytes",
  },
  storeBufferBytes: {
    flag: "store-buffer-bytes",
    integer: true,
    min: 1024 ** 2,
    max: 16 * 1024 ** 3,
    fallback: 64 * 1024 ** 2,
    unit: "bytes",
  },
  mqttSessionExpiry: {
    flag: "mqtt-session-expiry",
    integer: true,
    min: 0,
    max: 2 ** 32 - 1,
    fallback: 86_400,
  },
  authTimeout: { flag: "auth-timeout", integer: true, min: 100, max: 3_600_000, fallback: 5000 },
  sessionIdle: {
    flag: "session-idle",
    integer: true,
    min: 1000,
    max: 365 * DAY_MS,
    fallback: 12 * HOUR_MS,
    unit: "duration",
  },
  sessionMax: {
    flag: "session-max",
    integer: true,
    min: 1000,
    max: 365 * DAY_MS,
    fallback: 7 * DAY_MS,
    unit: "duration",
  },
};

/** A bad option value; the message names the flag and what it accepts. */
export class OptionError extends Error {
  override name = "OptionError";
}

/** Describes the accepted range of a numeric option, e.g. "an integer from 1 to 100000". */
export function describeRange(option: NumericOption): string {
  if (option.unit === "duration")
    return `a duration like 90s, 15m, 24h or 30d, from ${ms(option.min, { long: true })} to ${ms(option.max, { long: true })}`;
  if (option.unit === "bytes")
    return `a size like 512MB or 2GB, from ${bytes(option.min)} to ${bytes(option.max)}`;
  return `${option.integer ? "an integer" : "a number"} from ${option.min} to ${option.max}`;
}

/**
 * Reads a command-line value of an option with a unit: a duration (`90s`, `15m`, `24h`, `30d`;
 * a bare number is seconds) in ms, or a size (`512MB`, `2GB`, KB/MB/GB/TB are 1024-based; a bare
 * number is bytes) in bytes. NaN when it is neither.
 */
export function parseWithUnit(option: NumericOption, raw: string): number {
  const text = raw.trim();
  if (option.unit === "duration") {
    if (/^\d+(\.\d+)?$/.test(text)) return Number(text) * 1000;
    return /^\d+(\.\d+)?\s*(ms|s|m|h|d|w)$/i.test(text)
      ? (ms(text as ms.StringValue) ?? Number.NaN)
      : Number.NaN;
  }
  if (option.unit === "bytes")
    return /^\d+(\.\d+)?\s*(b|kb|mb|gb|tb|pb)?$/i.test(text) ? (bytes.parse(text) ?? Number.NaN) : Number.NaN;
  return text === "" ? Number.NaN : Number(text);
}

/** Checks one numeric value against its option; `raw` is what the user typed, quoted in the message. */
export function checkNumber(option: NumericOption, value: number, raw: string = String(value)): number {
  const valid =
    Number.isFinite(value) &&
    value >= option.min &&
    value <= option.max &&
    (!option.integer || Number.isInteger(value));
  if (!valid) throw new OptionError(`--${option.flag} must be ${describeRange(option)}, got "${raw}"`);
  return value;
}

/** Applies defaults and checks to the numeric options of `table`. */
export function resolveNumbers<K extends string>(
  table: Record<K, NumericOption>,
  options: Partial<Record<K, number>>,
): Record<K, number> {
  const numbers = {} as Record<K, number>;
  for (const key of Object.keys(table) as K[]) {
    const value = options[key];
    numbers[key] = value === undefined ? table[key].fallback : checkNumber(table[key], value);
  }
  return numbers;
}

/** Gateway options after defaults and checks, with files (TLS, CA) already read. */
export type ResolvedOptions = Required<
  Omit<
    GatewayOptions,
    | "token"
    | "data"
    | "store"
    | "tlsCert"
    | "tlsKey"
    | "static"
    | "allowOrigin"
    | "source"
    | "mqttUsername"
    | "mqttPassword"
    | "mqttCa"
    | "mqttClientId"
    | "webhook"
    | "webhookSecret"
    | "users"
    | "audit"
  >
> & {
  /**
   * The persistent MQTT session's client id, when it has one: given, or derived from the host
   * name and a fixed port (a server on port 0 has none, so it starts clean every run).
   */
  mqttClientId: string | undefined;
  token: string | undefined;
  data: string | undefined;
  store: string | undefined;
  tls: { cert: string; key: string } | undefined;
  static: string | undefined;
  allowOrigin: string[] | undefined;
  /** Broker URL of an MQTT fleet source, checked. */
  source: string | undefined;
  /** Login and CA (file already read) for the broker. */
  mqtt: { username?: string; password?: string; ca?: string };
  /** Checked http(s) webhook URLs (none: no notifications) and the signing secret. */
  webhooks: string[];
  webhookSecret: string | undefined;
  users: UserDirectory | undefined;
  audit: AuditSink | undefined;
};

/** Reads a PEM file named by `--<flag>`; a clear error when it cannot be read. */
export function readPem(flag: string, path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    throw new OptionError(
      `--${flag} ${path}: cannot read the file (${(error as Error).message.split("\n")[0]})`,
    );
  }
}

/** Checks a `--store` URL: PostgreSQL's. */
function checkStoreUrl(value: string | undefined): string | undefined {
  if (value === undefined || value === "") return undefined;
  let protocol = "";
  try {
    protocol = new URL(value).protocol;
  } catch {
    // Reported below with the accepted form.
  }
  if (protocol !== "postgres:" && protocol !== "postgresql:")
    throw new OptionError(`--store must be a postgres://user@host/db URL, got "${value}"`);
  return value;
}

/** Checks the `--webhook` URLs: http or https. */
function checkWebhooks(value: string | string[] | undefined, secret: string | undefined): string[] {
  const urls = (typeof value === "string" ? [value] : (value ?? [])).filter(Boolean);
  for (const url of urls) {
    let protocol = "";
    try {
      protocol = new URL(url).protocol;
    } catch {
      // Reported below with the accepted form.
    }
    if (protocol !== "http:" && protocol !== "https:")
      throw new OptionError(`--webhook must be an http:// or https:// URL, got "${url}"`);
  }
  if (secret && urls.length === 0) throw new OptionError("--webhook-secret needs at least one --webhook URL");
  return urls;
}

/** Checks an mqtt:// or mqtts:// URL given to `--<flag>`. */
export function checkBrokerUrl(flag: string, value: string | undefined): string | undefined {
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

/**
 * Checks `--source` and the broker login. `alsoTls` says another mqtts:// broker URL of the same
 * process (the simulator's `--publish`) may use `--mqtt-ca`.
 */
export function resolveMqtt(
  options: GatewayOptions,
  alsoTls = false,
): Pick<ResolvedOptions, "source" | "mqtt"> {
  const source = checkBrokerUrl("source", options.source);
  if (options.mqttCa !== undefined && !source?.startsWith("mqtts:") && !alsoTls)
    throw new OptionError("--mqtt-ca needs an mqtts:// --source or --publish URL");
  const mqtt: ResolvedOptions["mqtt"] = {};
  if (options.mqttUsername) mqtt.username = options.mqttUsername;
  if (options.mqttPassword) mqtt.password = options.mqttPassword;
  if (options.mqttCa !== undefined) mqtt.ca = readPem("mqtt-ca", options.mqttCa);
  return { source, mqtt };
}

/** Applies defaults and checks every option; throws `OptionError` on the first bad one. */
export function resolveOptions(options: GatewayOptions, alsoTls = false): ResolvedOptions {
  const numbers = resolveNumbers(GATEWAY_NUMBERS, options);
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
    host: options.host ?? "0.0.0.0",
    token: options.token || undefined,
    data: options.data || undefined,
    store: checkStoreUrl(options.store),
    tls,
    static: options.static,
    perMessageDeflate: options.perMessageDeflate ?? true,
    allowOrigin: origins?.map((origin) => origin.trim()).filter(Boolean),
    ...resolveMqtt(options, alsoTls),
    mqttClientId:
      options.mqttClientId || (numbers.port > 0 ? `fleet-gateway-${hostname()}-${numbers.port}` : undefined),
    webhooks: checkWebhooks(options.webhook, options.webhookSecret || undefined),
    webhookSecret: options.webhookSecret || undefined,
    trustProxy: options.trustProxy ?? false,
    users: options.users,
    audit: options.audit,
    log: options.log ?? ((line) => console.warn(line)),
  };
}
