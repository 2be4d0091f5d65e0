/**
 * Turns command-line flags into server options, as a pure function of the arguments and the
 * environment it is given (cli.ts passes process.argv and process.env), so it is testable
 * in-process. Bad flags become one-line messages naming the flag and what it accepts.
 */
import { parseArgs } from "node:util";
import {
  checkNumber,
  describeRange,
  GATEWAY_NUMBERS,
  OptionError,
  parseWithUnit,
} from "../../server/src/options";
import { type MockServerOptions, SIMULATOR_NUMBERS } from "./options";

/** Every numeric flag, the gateway's and the simulator's. */
const NUMERIC_OPTIONS = { ...GATEWAY_NUMBERS, ...SIMULATOR_NUMBERS };

/** The `--help` text. */
export const HELP = `Usage: npm run mock -- [flags]

Fleet
  --devices N               devices, spread across thermostat/vehicle/wearable/meter (default 16)
  --fleet FILE              JSON fleet spec: {"rate"?, "thermostat": 4, "vehicle": {"count": 3, "rate": 5}, ...}
  --rate N                  samples per second per device (default 10)
  --tick MS                 milliseconds per data frame (default 50)
  --seed N                  random seed; same seed and flags, same fleet and values (default 1)
  --history S               seconds of samples kept per device for history/resume (default 600)
  --offline-rate P          chance per device per second of going offline (0..1, default 0)
  --command-failure-rate P  chance a command fails with device_error (0..1, default 0)
  --command-latency MS      mean simulated command round trip (default 150)

Network
  --port N                  port (default $PORT or 8080; 0 = any free port)
  --host ADDR               interface to bind (default 0.0.0.0)
  --static DIR              serve the built dashboard from DIR at /
  --token T                 shared token with the operator role: {"type":"auth","token":T} or Bearer (default $FLEET_TOKEN)
  --allow-origin LIST       comma-separated browser origins allowed on /ws ("*" = any)
  --tls-cert FILE           PEM certificate (with --tls-key): serve https/wss
  --tls-key FILE            PEM private key
  --no-per-message-deflate  turn WebSocket compression off (on by default: each tick's frame is
                            compressed once for every client; --per-message-deflate is accepted)
  --trust-proxy             behind a TLS proxy: client address and https from X-Forwarded-For/-Proto
  --latency MS              delay every outgoing frame (default 0)
  --drop-every S            drop every connection every S seconds (default 0 = never)

Limits
  --max-connections N       simultaneous connections (default 1000)
  --max-subscriptions N     devices per connection (default 10000)
  --rate-limit N            messages per second per connection (default 100)
  --max-buffered BYTES      buffered bytes per client before live data is skipped (default 1048576)
  --slow-client-timeout MS  time over that cap before closing with 1013 (default 10000)
  --heartbeat MS            ping interval; two missed pings end the connection (default 15000)
  --auth-timeout MS         time allowed for auth when a token is set (default 5000)

History store (docs/STORAGE.md)
  --data DIR                keep history in an embedded store in DIR (npm start: ./data; default: memory only)
  --store URL               keep history in PostgreSQL (postgres://user@host/db, default $FLEET_STORE), shared by servers
  --retention-raw D         how long raw samples are kept (default 24h)
  --retention-1m D          how long per-minute min/max/avg/count are kept (default 30d)
  --retention-1h D          how long per-hour rollups are kept (default 365d)
  --retention-events D      how long the logbook's events (/api/events) are kept (default 90d)
  --retention-audit D       how long the audit trail (/api/audit) is kept (default 365d)
  --store-max-bytes SIZE    hard cap on the store's size on disk; oldest data goes first (default 2GB)
  --store-buffer-bytes SIZE samples waiting for an unreachable store before drops are counted (default 64MB)
  --backfill D              fill the store with the simulated fleet's past D at start (e.g. 24h; default 0)

Access (docs/SECURITY.md; users: npm run users -- --help)
  --session-idle D          a sign-in session ends after this long without activity (default 12h)
  --session-max D           a sign-in session ends this long after sign-in (default 7d)

MQTT (docs/MQTT.md)
  --source URL              take the fleet from a broker (mqtt://host:port or mqtts://) instead of simulating it
  --publish URL             publish the simulated fleet to a broker as devices (and obey its commands)
  --mqtt-username NAME      broker login for --source and --publish
  --mqtt-password P         broker password (default $FLEET_MQTT_PASSWORD)
  --mqtt-ca FILE            PEM CA certificate of an mqtts:// broker
  --mqtt-client-id ID       client id of the persistent session kept with a store (default fleet-gateway-<host>-<port>)
  --mqtt-session-expiry S   seconds the broker queues telemetry for this server while it is down (default 86400)

Alerts (docs/ALERTS.md)
  --webhook URL             POST every alert transition to URL (http or https; repeat the flag for several)
  --webhook-secret S        sign webhook bodies with HMAC-SHA256 in X-Fleet-Signature (default $FLEET_WEBHOOK_SECRET)

  --help                    show this help`;

/** What the command line asks for: run with options, print help, or fail with a message. */
export type CliRequest =
  | { kind: "run"; options: MockServerOptions }
  | { kind: "help" }
  | { kind: "error"; message: string };

class FlagError extends Error {}

const STRING_FLAGS = [
  "fleet",
  "host",
  "static",
  "token",
  "allow-origin",
  "tls-cert",
  "tls-key",
  "source",
  "publish",
  "mqtt-username",
  "mqtt-password",
  "mqtt-ca",
  "data",
  "store",
  "mqtt-client-id",
  "webhook-secret",
] as const;
const flagOptions: Record<string, { type: "string" | "boolean"; multiple?: boolean }> = {
  help: { type: "boolean" },
  "per-message-deflate": { type: "boolean" },
  "no-per-message-deflate": { type: "boolean" },
  "trust-proxy": { type: "boolean" },
  webhook: { type: "string", multiple: true },
};
for (const flag of STRING_FLAGS) flagOptions[flag] = { type: "string" };
for (const option of Object.values(NUMERIC_OPTIONS)) flagOptions[option.flag] = { type: "string" };
const KNOWN = Object.keys(flagOptions)
  .map((flag) => `--${flag}`)
  .join(", ");

type FlagValues = Record<string, string | boolean | string[] | undefined>;

function readFlags(args: string[]): FlagValues {
  try {
    return parseArgs({ args, options: flagOptions, strict: true, allowPositionals: false })
      .values as FlagValues;
  } catch (error) {
    const { code, message } = error as { code?: string; message: string };
    const flag = /'(-[^ ']*)/.exec(message)?.[1] ?? "";
    if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION")
      throw new FlagError(`unknown flag ${flag}; accepted flags: ${KNOWN}`);
    if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") {
      const hint = message.includes("ambiguous")
        ? `; for a value starting with "-", write ${flag}=VALUE`
        : " (see --help)";
      throw new FlagError(`${flag} needs a value${hint}`);
    }
    if (code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL") {
      throw new FlagError(`unexpected argument ${message.split("'")[1] ?? ""}; flags start with --`);
    }
    throw new FlagError(message.split("\n")[0] ?? "bad arguments");
  }
}

function toOptions(values: FlagValues, env: NodeJS.ProcessEnv): MockServerOptions {
  const options: Record<string, unknown> = {};
  for (const [key, option] of Object.entries(NUMERIC_OPTIONS)) {
    const raw = key === "port" ? (values.port ?? (env.PORT || undefined)) : values[option.flag];
    if (typeof raw !== "string") continue;
    const value = parseWithUnit(option, raw);
    if (!Number.isFinite(value))
      throw new FlagError(`--${option.flag} must be ${describeRange(option)}, got "${raw}"`);
    try {
      options[key] = checkNumber(option, value, raw);
    } catch (error) {
      if (error instanceof OptionError) throw new FlagError(error.message);
      throw error;
    }
  }
  const text = (flag: string) => (typeof values[flag] === "string" ? (values[flag] as string) : undefined);
  return {
    ...(options as MockServerOptions),
    fleet: text("fleet"),
    host: text("host"),
    static: text("static"),
    token: text("token") ?? (env.FLEET_TOKEN || undefined),
    allowOrigin: text("allow-origin"),
    tlsCert: text("tls-cert"),
    tlsKey: text("tls-key"),
    perMessageDeflate: deflateFlag(values),
    trustProxy: values["trust-proxy"] === true,
    source: text("source"),
    publish: text("publish"),
    mqttUsername: text("mqtt-username"),
    mqttPassword: text("mqtt-password") ?? (env.FLEET_MQTT_PASSWORD || undefined),
    mqttCa: text("mqtt-ca"),
    mqttClientId: text("mqtt-client-id"),
    data: text("data"),
    store: text("store") ?? (env.FLEET_STORE || undefined),
    webhook: Array.isArray(values.webhook) ? values.webhook : undefined,
    webhookSecret: text("webhook-secret") ?? (env.FLEET_WEBHOOK_SECRET || undefined),
  };
}

/**
 * Parses flags (`args` without the node and script paths). Range checks that need files
 * (fleet, TLS) happen in `createMockServer`, which throws `OptionError` with the same wording.
 */
export function parseCommandLine(args: string[], env: NodeJS.ProcessEnv): CliRequest {
  try {
    const values = readFlags(args);
    if (values.help) return { kind: "help" };
    return { kind: "run", options: toOptions(values, env) };
  } catch (error) {
    if (error instanceof FlagError) return { kind: "error", message: error.message };
    throw error;
  }
}

/** `--per-message-deflate` (the default) or `--no-per-message-deflate`, not both. */
function deflateFlag(values: Record<string, unknown>): boolean {
  if (values["per-message-deflate"] === true && values["no-per-message-deflate"] === true)
    throw new FlagError("--per-message-deflate and --no-per-message-deflate contradict each other; pick one");
  return values["no-per-message-deflate"] !== true;
}
