/**
 * The server's parser for client frames, on zod schemas. Server-only: the browser never parses
 * client messages, and importing this file would put zod in its bundle (import it through
 * `protocol/server`). Each schema is declared against its interface in messages.ts, so a field
 * added, renamed or retyped on one side and not the other fails the typecheck.
 */
import { z } from "zod";
import { CLIENT_MESSAGE_TYPES, MAX_ID_LENGTH } from "./constants";
import type {
  AuthMessage,
  ClientMessage,
  CommandMessage,
  LatestRequest,
  ParseResult,
  PingMessage,
  SubscribeMessage,
  UnsubscribeMessage,
} from "./messages";

/**
 * True when A and B accept the same values and name the same fields. Mutual assignability alone
 * misses a renamed optional field (`{a?: 1}` and `{b?: 1}` are assignable both ways).
 */
type Exactly<A, B> = [A] extends [B]
  ? [B] extends [A]
    ? [keyof A] extends [keyof B]
      ? [keyof B] extends [keyof A]
        ? true
        : false
      : false
    : false
  : false;

/**
 * Declares a schema for the interface `T`: `schemaOf<T>()(schema)` does not compile unless the
 * schema's output is exactly `T` (same fields, same optionality, same types). Returns the schema.
 */
export function schemaOf<T>() {
  return <S extends z.ZodType<T>>(schema: S & (Exactly<z.output<S>, T> extends true ? unknown : never)): S =>
    schema;
}

const requestId = z.string().min(1).max(MAX_ID_LENGTH);
const deviceId = z.string().min(1).max(MAX_ID_LENGTH);
const argValue = z.union([z.number(), z.boolean(), z.string().max(256)]);

/** The zod schema of each client message, by `type`. Unknown fields are stripped. */
export const CLIENT_SCHEMAS = {
  auth: schemaOf<AuthMessage>()(z.object({ type: z.literal("auth"), token: z.string().max(1024) })),
  subscribe: schemaOf<SubscribeMessage>()(
    z.object({
      type: z.literal("subscribe"),
      id: requestId,
      devices: z.array(deviceId).min(1).max(10_000),
      history: z.number().finite().min(0).optional(),
      resume: z.record(deviceId, z.number().int().min(0)).optional(),
      after: z.record(deviceId, z.number().finite().min(0)).optional(),
    }),
  ),
  unsubscribe: schemaOf<UnsubscribeMessage>()(
    z.object({
      type: z.literal("unsubscribe"),
      id: requestId,
      devices: z.array(deviceId).min(1).max(10_000),
    }),
  ),
  command: schemaOf<CommandMessage>()(
    z.object({
      type: z.literal("command"),
      id: requestId,
      device: deviceId,
      name: z.string().min(1).max(MAX_ID_LENGTH),
      args: z.record(z.string().max(MAX_ID_LENGTH), argValue).optional(),
      deadline: z.number().finite().optional(),
    }),
  ),
  ping: schemaOf<PingMessage>()(z.object({ type: z.literal("ping"), id: requestId, t: z.number().finite() })),
  latest: schemaOf<LatestRequest>()(
    z.object({ type: z.literal("latest"), id: requestId, stop: z.boolean().optional() }),
  ),
} satisfies { [K in ClientMessage["type"]]: z.ZodType<Extract<ClientMessage, { type: K }>> };

type ClientType = ClientMessage["type"];

function isClientType(type: unknown): type is ClientType {
  return typeof type === "string" && Object.hasOwn(CLIENT_SCHEMAS, type);
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
 * Parses one frame from a client. `data` is the frame text; `isBinary` frames are always rejected
 * (the protocol is JSON text only). Errors are `bad_request` naming the field and what it expected,
 * with the request's `id` when it had a usable one.
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
      message: `field "type": expected one of ${CLIENT_MESSAGE_TYPES.join(", ")}; got ${got}`,
      ...(id === undefined ? {} : { id }),
    };
  }
  const result = CLIENT_SCHEMAS[record.type].safeParse(value);
  if (!result.success) {
    const first = result.error.issues[0];
    return {
      ok: false,
      code: "bad_request",
      message: `${record.type}: ${first ? describeIssue(first) : "invalid message"}`,
      ...(id === undefined ? {} : { id }),
    };
  }
  return { ok: true, message: result.data };
}
