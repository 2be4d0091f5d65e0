/**
 * Parsers that turn raw frames into typed protocol messages or typed errors.
 * The server parses client messages with `parseClientMessage`; the dashboard parses
 * server messages with `parseServerMessage`. Neither throws.
 */
import { z } from "zod";
import { type ErrorCode, MAX_ID_LENGTH } from "./constants";
import type { ClientMessage, DeviceInfo, ServerMessage } from "./messages";

export type ParseResult<T> =
  | { ok: true; message: T }
  | { ok: false; code: ErrorCode; message: string; id?: string };

const requestId = z.string().min(1).max(MAX_ID_LENGTH);
const deviceId = z.string().min(1).max(MAX_ID_LENGTH);
const argValue = z.union([z.number(), z.boolean(), z.string().max(256)]);

const clientSchemas = {
  auth: z.object({ type: z.literal("auth"), token: z.string().max(1024) }),
  subscribe: z.object({
    type: z.literal("subscribe"),
    id: requestId,
    devices: z.array(deviceId).min(1).max(10_000),
    history: z.number().finite().min(0).optional(),
    resume: z.record(deviceId, z.number().int().min(0)).optional(),
  }),
  unsubscribe: z.object({
    type: z.literal("unsubscribe"),
    id: requestId,
    devices: z.array(deviceId).min(1).max(10_000),
  }),
  command: z.object({
    type: z.literal("command"),
    id: requestId,
    device: deviceId,
    name: z.string().min(1).max(MAX_ID_LENGTH),
    args: z.record(z.string().max(MAX_ID_LENGTH), argValue).optional(),
    deadline: z.number().finite().optional(),
  }),
  ping: z.object({ type: z.literal("ping"), id: requestId, t: z.number().finite() }),
  latest: z.object({ type: z.literal("latest"), id: requestId, stop: z.boolean().optional() }),
} as const;

type ClientType = keyof typeof clientSchemas;

function isClientType(type: unknown): type is ClientType {
  return typeof type === "string" && Object.hasOwn(clientSchemas, type);
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path.map(String).join(".");
  return path ? `field "${path}": ${issue.message}` : issue.message;
}

function rawId(value: Record<string, unknown>): string | undefined {
  const id = value.id;
  return typeof id === "string" && id.length > 0 && id.length <= MAX_ID_LENGTH ? id : undefined;
}

/**
 * Parses one frame from a client. `data` is the frame text, or a Buffer-like for binary
 * frames (always rejected: the protocol is JSON text only).
 */
export function parseClientMessage(data: string, isBinary = false): ParseResult<ClientMessage> {
  if (isBinary) {
    return { ok: false, code: "bad_request", message: "binary frames are not supported; send JSON text" };
  }
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return { ok: false, code: "bad_request", message: "frame is not valid JSON" };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return { ok: false, code: "bad_request", message: 'message must be a JSON object with a "type"' };
  }
  const record = value as Record<string, unknown>;
  const id = rawId(record);
  if (!isClientType(record.type)) {
    const got = typeof record.type === "string" ? `"${record.type.slice(0, 40)}"` : typeof record.type;
    return {
      ok: false,
      code: "bad_request",
      message: `field "type": expected one of auth, subscribe, unsubscribe, command, ping; got ${got}`,
      ...(id === undefined ? {} : { id }),
    };
  }
  const result = clientSchemas[record.type].safeParse(value);
  if (!result.success) {
    const first = result.error.issues[0];
    return {
      ok: false,
      code: "bad_request",
      message: `${record.type}: ${first ? describeIssue(first) : "invalid message"}`,
      ...(id === undefined ? {} : { id }),
    };
  }
  return { ok: true, message: result.data as ClientMessage };
}

const SERVER_TYPES = new Set<ServerMessage["type"]>([
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
]);

/**
 * Parses one frame from the server. Checks only the envelope (an object with a known `type`)
 * and the fields the dashboard relies on for each type: data frames arrive at high rate, so
 * this stays cheap and allocation-free beyond `JSON.parse`.
 */
export function parseServerMessage(data: string): ParseResult<ServerMessage> {
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return { ok: false, code: "bad_request", message: "server frame is not valid JSON" };
  }
  if (typeof value !== "object" || value === null) {
    return { ok: false, code: "bad_request", message: "server frame is not an object" };
  }
  const message = value as ServerMessage;
  if (!SERVER_TYPES.has(message.type)) {
    return { ok: false, code: "bad_request", message: `unknown server message type ${String(message.type)}` };
  }
  if ((message.type === "data" || message.type === "latest") && !Array.isArray(message.batch)) {
    return { ok: false, code: "bad_request", message: `${message.type}: field "batch" must be an array` };
  }
  if (message.type === "welcome" && (!Array.isArray(message.fleet) || typeof message.session !== "string")) {
    return { ok: false, code: "bad_request", message: 'welcome: fields "fleet" and "session" are required' };
  }
  if (message.type === "deviceAdded" && !isDeviceInfo(message.device)) {
    return { ok: false, code: "bad_request", message: 'deviceAdded: field "device" must be a DeviceInfo' };
  }
  if (message.type === "source" && typeof message.connected !== "boolean") {
    return { ok: false, code: "bad_request", message: 'source: field "connected" must be a boolean' };
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

/** Serialises a message for the wire. One place, so both sides agree on the encoding. */
export function encodeMessage(message: ClientMessage | ServerMessage): string {
  return JSON.stringify(message);
}
