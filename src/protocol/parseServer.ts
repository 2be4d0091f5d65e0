/**
 * The dashboard's parser for server frames. Hand-written and free of zod, so the browser bundle
 * does not carry a schema library: it checks the envelope (an object with a known `type`) and the
 * fields the dashboard relies on for each type, and trusts the rest, as the server is the peer
 * that encodes with this same module. Data frames arrive at high rate, so this stays cheap and
 * allocation-free beyond `JSON.parse`. Never throws.
 */
import { SERVER_MESSAGE_TYPES } from "./constants";
import type { DeviceInfo, ParseResult, ServerMessage } from "./messages";

const SERVER_TYPES: ReadonlySet<unknown> = new Set(SERVER_MESSAGE_TYPES);

function failure(message: string): ParseResult<never> {
  return { ok: false, code: "bad_request", message };
}

/** Parses one frame from the server into a typed message, or a `bad_request` error saying why not. */
export function parseServerMessage(data: string): ParseResult<ServerMessage> {
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return failure("server frame is not valid JSON");
  }
  if (typeof value !== "object" || value === null) return failure("server frame is not an object");
  const message = value as ServerMessage;
  if (!SERVER_TYPES.has(message.type)) {
    return failure(`unknown server message type ${String(message.type)}`);
  }
  if ((message.type === "data" || message.type === "latest") && !Array.isArray(message.batch)) {
    return failure(`${message.type}: field "batch" must be an array`);
  }
  if (message.type === "welcome" && (!Array.isArray(message.fleet) || typeof message.session !== "string")) {
    return failure('welcome: fields "fleet" and "session" are required');
  }
  if (message.type === "deviceAdded" && !isDeviceInfo(message.device)) {
    return failure('deviceAdded: field "device" must be a DeviceInfo');
  }
  if (message.type === "source" && typeof message.connected !== "boolean") {
    return failure('source: field "connected" must be a boolean');
  }
  if (message.type === "logbook" && !Array.isArray(message.entries)) {
    return failure('logbook: field "entries" must be an array');
  }
  if (message.type === "alerts" && !Array.isArray(message.alerts)) {
    return failure('alerts: field "alerts" must be an array');
  }
  return { ok: true, message };
}

/** The fields of a DeviceInfo the dashboard indexes by; the rest is read defensively. */
function isDeviceInfo(value: unknown): boolean {
  const info = value as Partial<DeviceInfo> | null;
  return (
    typeof info === "object" &&
    info !== null &&
    typeof info.id === "string" &&
    typeof info.kind === "string" &&
    Array.isArray(info.metrics) &&
    Array.isArray(info.commands)
  );
}
