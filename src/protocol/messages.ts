/**
 * Protocol v1 message types, shared by the dashboard and the mock server.
 * The names here are part of the public contract: add fields, rename none.
 * See docs/PROTOCOL.md for the full description.
 * About 477 lines, kept whole on purpose: it is declarations only (no logic), and one file is the
 * one place where both sides see every message of the union; splitting it by version would hide
 * that a message grew.
 */
import type {
  ACCESS_ROLES,
  CLIENT_MESSAGE_TYPES,
  DEVICE_KINDS,
  ErrorCode,
  LOG_CODES,
  LOG_ENTRY_TYPES,
  SERVER_MESSAGE_TYPES,
} from "./constants";

/** One of `DEVICE_KINDS`. */
export type DeviceKind = (typeof DEVICE_KINDS)[number];

/** One measured quantity of a device. */
export interface MetricInfo {
  key: string;
  label: string;
  unit: string;
  /** Physical range of the quantity; values stay inside it. */
  min: number;
  max: number;
  /** Suggested default alert thresholds (inside min..max), when the kind has typical limits. */
  warnLow?: number;
  warnHigh?: number;
  /** Decimals the server rounds samples to; useful for display. */
  decimals?: number;
}

/** Schema of one command argument. */
export type CommandArgSchema =
  | { type: "number"; min?: number; max?: number; unit?: string; step?: number }
  | { type: "boolean" }
  | { type: "enum"; values: string[] };

/** A command a device accepts, with its argument schema. */
export interface CommandInfo {
  name: string;
  label: string;
  args: Record<string, CommandArgSchema>;
  /** Disruptive commands (unlock, relay off) ask the operator for confirmation. */
  confirm?: boolean;
}

export type DeviceState = Record<string, number | boolean | string>;

/** Everything the dashboard needs to know about a device, sent in `welcome`. */
export interface DeviceInfo {
  id: string;
  kind: DeviceKind;
  name: string;
  online: boolean;
  metrics: MetricInfo[];
  commands: CommandInfo[];
  state: DeviceState;
  /** Samples per second this device produces while online. */
  rate: number;
}

// ---------------------------------------------------------------- client -> server

export interface AuthMessage {
  type: "auth";
  token: string;
}

export interface SubscribeMessage {
  type: "subscribe";
  id: string;
  /** Device ids, or `["*"]` for every device. */
  devices: string[];
  /** Replay the last N seconds before going live. */
  history?: number;
  /** Replay exactly the samples after the given seq, per device (0 = all still held). */
  resume?: Record<string, number>;
  /**
   * v1.2: replay every sample the server holds with a time after the given epoch ms, per device,
   * then go live. Unlike `resume` it survives a server restart and a move to another server that
   * shares the store: the cursor is the device's own timestamp, not this run's seq. Per device,
   * `resume` wins over `after`, and `after` over `history`. Servers before v1.2 ignore it.
   */
  after?: Record<string, number>;
}

export interface UnsubscribeMessage {
  type: "unsubscribe";
  id: string;
  devices: string[];
}

export type CommandArgs = Record<string, number | boolean | string>;

export interface CommandMessage {
  type: "command";
  id: string;
  device: string;
  name: string;
  args?: CommandArgs;
  /** Epoch ms after which the server rejects the command as `expired`. */
  deadline?: number;
}

export interface PingMessage {
  type: "ping";
  id: string;
  /** Client epoch ms, echoed in `pong.t`. */
  t: number;
}

/**
 * Asks for the newest sample of every device, now and then once a second, without subscribing
 * (v1.1): enough to evaluate alerts across a fleet whose charts are not on screen. `stop` ends it.
 */
export interface LatestRequest {
  type: "latest";
  id: string;
  stop?: boolean;
}

export type ClientMessage =
  | AuthMessage
  | SubscribeMessage
  | UnsubscribeMessage
  | CommandMessage
  | PingMessage
  | LatestRequest;

// ---------------------------------------------------------------- server -> client

/** Where the server's fleet comes from, and whether it can reach it. */
export interface SourceStatus {
  /** `simulator`: the built-in simulation; `mqtt`: devices on a broker (docs/MQTT.md). */
  kind: "simulator" | "mqtt";
  /** Broker URL without credentials (`mqtt` only). */
  broker?: string;
  /** False while the server cannot reach the broker: no device can send or take commands. */
  connected: boolean;
  /** Epoch ms of the last change of `connected` (for the simulator: when it started). */
  since: number;
}

export interface WelcomeMessage {
  type: "welcome";
  protocol: number;
  /** Id of this server run; changes when the server restarts (seq restarts at 1). */
  session: string;
  serverTime: number;
  fleet: DeviceInfo[];
  /** Added in v1.1; absent from older servers. */
  source?: SourceStatus;
  /** Added in v1.2 (absent before): the server keeps history, `after` and `/api/history` work. */
  history?: HistoryCapability;
  /** Added in v1.5 (absent before): who this connection acts as, and how it proved it. */
  access?: AccessInfo;
}

/** Who a connection or request acts as (v1.5; `GET /api/me` answers the same fields). */
export interface AccessInfo {
  /** A user name; `anonymous` when the server is open, `token` for the shared `--token`. */
  user: string;
  role: (typeof ACCESS_ROLES)[number];
  via: "open" | "shared_token" | "session" | "api_token";
}

/** What a v1.2 server says about its history in `welcome`. */
export interface HistoryCapability {
  /** True when history lives in a durable store and survives restarts; false: memory only. */
  durable: boolean;
  /** Path of the history API (`GET /api/history`, docs/PROTOCOL.md). */
  api: string;
  /** How far back each tier reaches, ms (absent when not durable). */
  retention?: { raw: number; "1m": number; "1h": number };
  /** The store's state when the client connected (durable only). */
  status?: HistoryStatus;
}

/** Whether the durable store takes writes, and what waits or was lost while it did not (v1.2). */
export interface HistoryStatus {
  /** False while the store cannot be written (PostgreSQL stopped, disk full). Live data goes on. */
  up: boolean;
  /** Epoch ms `up` last changed (the server's start when it never did). */
  since: number;
  /** Samples waiting in the server's bounded buffer for the store, in bytes. */
  bufferedBytes: number;
  /** Samples dropped since start because that buffer was full: missing from history for good. */
  samplesDropped: number;
}

/** How the server's alert webhooks fare (v1.3), for the Health page. */
export interface WebhookStatus {
  /** Webhook URLs configured (`--webhook`). */
  urls: number;
  /** POSTs answered with 2xx since start. */
  delivered: number;
  /** POSTs that failed (network error, timeout, non-2xx) since start; each is retried. */
  failedAttempts: number;
  /** Transitions given up on after 10 minutes of retries since start. */
  expired: number;
  /** Transitions waiting to be (re)delivered now. */
  pending: number;
  /** Epoch ms of the last failed POST, or null. */
  lastFailureAt: number | null;
}

/** Sent after `welcome` when webhooks are configured, then when a delivery fails or the backlog empties (v1.3). */
export interface WebhookStatusMessage extends WebhookStatus {
  type: "webhookStatus";
}

export type LogEntryType = (typeof LOG_ENTRY_TYPES)[number];
/** A logbook line's code (v1.6): what `text` says, for a client to put in its own words. */
export type LogCode = (typeof LOG_CODES)[number];

/** One line of the fleet's logbook (v1.4): what happened, when, to which device, in words. */
export interface LogEntry {
  /** Unique; with `at`, the paging cursor. */
  id: string;
  /** Epoch ms (server clock). */
  at: number;
  type: LogEntryType;
  /** The device (and its kind) it is about; null for the server and the broker. */
  device: string | null;
  kind: string | null;
  /** What happened, in words ("offline after 20 min online", "mode: eco → comfort"). */
  text: string;
  /** How long the condition that ended here lasted, ms (online/offline/stale, broker). */
  durationMs?: number;
  /** Structured details: a state change's `changes`, a command's `command`, `by`, `ok`, an alert's `state`. */
  detail?: Record<string, unknown>;
  /** What `text` says, as a code to translate (v1.6); absent on lines written before v1.6. */
  code?: LogCode;
  /** The values `code`'s words need (v1.6): `{kind, condition}`, `{to, from, ms}`, `{command, by, error}`... */
  params?: Record<string, string | number>;
}

/** New logbook entries, to every client, at most a few times a second (v1.4). */
export interface LogbookMessage {
  type: "logbook";
  entries: LogEntry[];
}

/** The server's own health (v1.4), from what it measures for `/metrics`; for the Health page. */
export interface ServerStats {
  /** Epoch ms (server clock) of this snapshot. */
  at: number;
  /** Dashboards (WebSocket sessions) connected now. */
  dashboards: number;
  /** Sample values the fleet ingested per second over the last interval. */
  valuesPerSecond: number;
  /** p99 of how late the fleet ticks ran over the last interval, ms. */
  tickLagP99Ms: number;
  /** The history store: last commit's duration and bytes waiting; null without a store. */
  store: { up: boolean; commitMs: number; bufferedBytes: number } | null;
  /** Whether the server reaches its MQTT broker; null for the simulator. */
  brokerConnected: boolean | null;
  /** Failed webhook POSTs since start; null without webhooks. */
  webhookFailures: number | null;
}

/** Sent after `welcome` and every `SERVER_STATS_MS` to every dashboard (v1.4). */
export interface ServerStatsMessage extends ServerStats {
  type: "serverStats";
}

/**
 * Sent to every client when the durable store goes down or comes back, or drops samples (v1.2),
 * at most once a second. Older clients ignore unknown message types.
 */
export interface HistoryStatusMessage extends HistoryStatus {
  type: "historyStatus";
}

/** The fleet source connected or disconnected (v1.1). Sent to every client. */
export interface SourceMessage extends SourceStatus {
  type: "source";
}

/**
 * The newest sample of each device (v1.1): one entry per device, each a `DataEntry` holding one
 * sample. The reply to `latest` (with its `id`) holds every device that has a sample; the frames
 * after it, once a second, hold the devices with a newer one. Not part of the seq stream: a
 * client must not store these as if they were `data`.
 */
export interface LatestMessage {
  type: "latest";
  id?: string;
  /** Server time the frame was built. */
  at: number;
  batch: DataEntry[];
}

/** A device joined the fleet after `welcome` (v1.1; MQTT sources). Sent to every client. */
export interface DeviceAddedMessage {
  type: "deviceAdded";
  device: DeviceInfo;
}

export interface SubscribedMessage {
  type: "subscribed";
  id: string;
  devices: string[];
}

export interface UnsubscribedMessage {
  type: "unsubscribed";
  id: string;
  devices: string[];
}

/** Samples of one device, columnar. `seq` is the seq of the first sample; the rest follow by 1. */
export interface DataEntry {
  device: string;
  seq: number;
  t: number[];
  values: Record<string, number[]>;
}

export interface DataMessage {
  type: "data";
  batch: DataEntry[];
  replay?: true;
}

/** Samples `fromSeq..toSeq` (inclusive) of `device` that the server can no longer provide. */
export interface GapMessage {
  type: "gap";
  device: string;
  fromSeq: number;
  toSeq: number;
}

export interface StatusMessage {
  type: "status";
  device: string;
  online: boolean;
  at: number;
}

export interface StateMessage {
  type: "state";
  device: string;
  state: DeviceState;
}

export interface CommandError {
  code: ErrorCode;
  message: string;
}

export type CommandResultMessage =
  | { type: "commandResult"; id: string; ok: true; state?: DeviceState }
  | { type: "commandResult"; id: string; ok: false; error: CommandError };

export interface PongMessage {
  type: "pong";
  id: string;
  t: number;
  serverTime: number;
}

export interface ErrorMessage {
  type: "error";
  id?: string;
  code: ErrorCode;
  message: string;
}

export type ServerMessage =
  | WelcomeMessage
  | SubscribedMessage
  | UnsubscribedMessage
  | DataMessage
  | GapMessage
  | StatusMessage
  | StateMessage
  | CommandResultMessage
  | PongMessage
  | ErrorMessage
  | SourceMessage
  | DeviceAddedMessage
  | LatestMessage
  | HistoryStatusMessage
  | AlertsMessage
  | WebhookStatusMessage
  | ServerStatsMessage
  | LogbookMessage;

// ---------------------------------------------------------------- alerts (v1.3)

/** Which devices a rule covers: one device, or every device of a kind (including later ones). */
export type AlertScope = { device: string } | { kind: DeviceKind };

/**
 * A server-side alert rule (v1.3; docs/ALERTS.md), as `/api/alert-rules` reads and writes it.
 * `above`/`below` use `threshold` (and `clearThreshold`); `outside` uses `low`/`high` (and
 * `clearLow`/`clearHigh`). Clear thresholds default to the thresholds (no hysteresis).
 */
export interface AlertRule {
  id: string;
  name: string;
  scope: AlertScope;
  metric: string;
  op: "above" | "below" | "outside";
  threshold?: number;
  low?: number;
  high?: number;
  clearThreshold?: number;
  clearLow?: number;
  clearHigh?: number;
  /** Seconds the condition must hold (state `pending`) before the alert fires. */
  forSeconds: number;
  severity: "warning" | "critical";
  /** False: the rule applies nothing (a way to silence a default or a kind's rule for a device). */
  enabled?: boolean;
  /** True for the built-in rules made from the devices' `warnLow`/`warnHigh`. */
  default?: true;
}

/** States of an alert; `resolved` ends it. */
export type AlertState = "pending" | "firing" | "no_data" | "resolved";

/** Who acknowledged a firing alert, when, and why. */
export interface AlertAck {
  by: string;
  at: number;
  comment: string;
}

/** One alert: one rule on one device, from its first `pending` (or `no_data`) to `resolved`. */
export interface AlertInfo {
  id: string;
  /** Id of the rule. */
  rule: string;
  device: string;
  metric: string;
  state: AlertState;
  /** Epoch ms (the sample's time) the alert entered `state`. */
  since: number;
  /** The value at the last transition; null for `no_data`. */
  value: number | null;
  acknowledged: AlertAck | null;
  severity: AlertRule["severity"];
}

/**
 * Alerts (v1.3). Right after `welcome`, a server with alerts sends one with `snapshot: true`:
 * every alert not resolved. Then one per tick with transitions: each alert in its new state
 * (a resolved one for the last time). Older clients ignore unknown message types.
 */
export interface AlertsMessage {
  type: "alerts";
  alerts: AlertInfo[];
  snapshot?: true;
}

/** The outcome of parsing one frame: a typed message, or a typed error (never a throw). */
export type ParseResult<T> =
  | { ok: true; message: T }
  | { ok: false; code: ErrorCode; message: string; id?: string };

/** Resolves only when `T` is `true`: a compile-time assertion. */
type Assert<T extends true> = T;

/** True when A and B are the same set of strings. */
type SameMembers<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

// The runtime type lists in constants.ts name every message type and no other: a type added to a
// union but not to its list (or the reverse) fails the typecheck here.
type _ClientTypesListed = Assert<SameMembers<ClientMessage["type"], (typeof CLIENT_MESSAGE_TYPES)[number]>>;
type _ServerTypesListed = Assert<SameMembers<ServerMessage["type"], (typeof SERVER_MESSAGE_TYPES)[number]>>;
