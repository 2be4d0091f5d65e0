/** Version of the wire protocol spoken at `/ws`. Sent in `welcome.protocol`. */
export const PROTOCOL_VERSION = 1;

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
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];
