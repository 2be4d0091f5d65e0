/** Version of the wire protocol spoken at `/ws`. Sent in `welcome.protocol`. */
export const PROTOCOL_VERSION = 1;

/** The kinds of device a fleet holds; `DeviceKind` is derived from this list. */
export const DEVICE_KINDS = ["thermostat", "vehicle", "wearable", "meter"] as const;

/** True when `value` names a device kind (for input read from URLs, storage or the wire). */
export function isDeviceKind(value: unknown): value is (typeof DEVICE_KINDS)[number] {
  return typeof value === "string" && (DEVICE_KINDS as readonly string[]).includes(value);
}

/** Every `type` a client may send; `ClientMessage["type"]` must be exactly these (checked in messages.ts). */
export const CLIENT_MESSAGE_TYPES = [
  "auth",
  "subscribe",
  "unsubscribe",
  "command",
  "ping",
  "latest",
] as const;

/** Every `type` the server may send; `ServerMessage["type"]` must be exactly these (checked in messages.ts). */
export const SERVER_MESSAGE_TYPES = [
  "welcome",
  "subscribed",
  "unsubscribed",
  "data",
  "gap",
  "status",
  "state",
  "commandResult",
  "pong",
  "error",
  "source",
  "deviceAdded",
  "latest",
  "historyStatus",
  "alerts",
  "webhookStatus",
  "serverStats",
  "logbook",
] as const;

/** Path of the logbook API (v1.4): the fleet's events, newest first. */
export const EVENTS_API_PATH = "/api/events";

/** What a logbook entry records (v1.4, docs/PROTOCOL.md#events-api). */
export const LOG_ENTRY_TYPES = [
  "device_joined",
  "device_retired",
  "online",
  "offline",
  "stale",
  "state",
  "command",
  "alert",
  "broker_lost",
  "broker_regained",
  "server_started",
] as const;

/**
 * What a logbook line says, as a code a client translates (v1.6, docs/PROTOCOL.md#events-api):
 * `LogEntry.code`, with `LogEntry.params` filling its words. `text` keeps the English sentence.
 */
export const LOG_CODES = [
  "server_started",
  "device_joined",
  "device_retired",
  "condition",
  "state_changed",
  "command_done",
  "command_failed",
  "alert",
  "alert_value",
  "broker_lost",
  "broker_lost_after",
  "broker_regained",
  "broker_regained_after",
] as const;

/** How often the server sends its own health (`serverStats`, v1.4) to every dashboard, ms. */
export const SERVER_STATS_MS = 5000;

/** Paths of the alert API (v1.3, docs/ALERTS.md). */
export const ALERTS_API_PATH = "/api/alerts";
export const ALERT_RULES_API_PATH = "/api/alert-rules";

/** Path of the WebSocket endpoint on the server. */
export const WS_PATH = "/ws";

/** Longest request `id` a client may send (characters). */
export const MAX_ID_LENGTH = 64;

/** Largest frame the server accepts (bytes). Bigger frames are closed with 1009. */
export const MAX_PAYLOAD_BYTES = 64 * 1024;

/** How often the server sends the fleet's newest samples to clients that asked (`latest`), ms. */
export const LATEST_INTERVAL_MS = 1000;

/** Sustained client message rate above which the server answers `rate_limited`. */
export const RATE_LIMIT_PER_SECOND = 100;

/** Close codes used by the server, beyond the standard ones. */
export const CLOSE_CODES = {
  normal: 1000,
  goingAway: 1001,
  policyViolation: 1008,
  messageTooBig: 1009,
  tryAgainLater: 1013,
  unauthorized: 4401,
} as const;

/** Error codes carried in `error.code` and `commandResult.error.code`. */
export const ERROR_CODES = [
  "bad_request",
  "unauthorized",
  "rate_limited",
  "unknown_device",
  "unknown_command",
  "invalid_args",
  "device_offline",
  "device_error",
  "expired",
  "id_conflict",
  "timeout",
  "too_many_subscriptions",
  "forbidden",
] as const;

/** The roles of issue 14, least first (v1.5, docs/SECURITY.md): viewer < operator < admin. */
export const ACCESS_ROLES = ["viewer", "operator", "admin"] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];
