/**
 * `GET /api/events?from=MS&to=MS&device=ID&kind=KIND&type=a,b&limit=N&before=CURSOR`: the fleet's
 * logbook, newest first, one page at a time (`next` is the cursor of the older page, or null).
 * Input is checked here, once; a refusal names the parameter: 400 `bad_request`, 401
 * `unauthorized`, 405 `method_not_allowed`, 503 `store_unavailable`.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { LOG_ENTRY_TYPES } from "../../../src/protocol/constants";
import type { LogEntryType } from "../../../src/protocol/messages";
import { authorized, sendError, sendJson } from "../historyApi";
import { decodeCursor, type Logbook, type LogFilter, toPage } from "./logbook";

export const DEFAULT_EVENTS_LIMIT = 100;
export const MAX_EVENTS_LIMIT = 1000;

export interface EventsApiContext {
  logbook: Logbook;
  token: string | undefined;
  now(): number;
}

/** The filter the query asks for, or the message naming what is wrong. */
export function parseEventsQuery(params: URLSearchParams, now: number): LogFilter | string {
  const int = (name: string, fallback: number, min: number, max: number): number | string => {
    const raw = params.get(name);
    if (raw === null || raw === "") return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max)
      return `"${name}" must be an integer from ${min} to ${max}, got "${raw.slice(0, 40)}"`;
    return value;
  };
  const from = int("from", 0, 0, 8.64e15);
  const to = int("to", now + 60_000, 0, 8.64e15);
  const limit = int("limit", DEFAULT_EVENTS_LIMIT, 1, MAX_EVENTS_LIMIT);
  if (typeof from === "string") return from;
  if (typeof to === "string") return to;
  if (typeof limit === "string") return limit;
  if (from >= to) return `"from" (${from}) must be before "to" (${to})`;
  let types: LogEntryType[] | undefined;
  const typeParam = params.get("type");
  if (typeParam) {
    types = [];
    for (const type of typeParam.split(",")) {
      if (!(LOG_ENTRY_TYPES as readonly string[]).includes(type))
        return `"type" must be a comma-separated list of ${LOG_ENTRY_TYPES.join(", ")}; got "${type.slice(0, 40)}"`;
      types.push(type as LogEntryType);
    }
  }
  const beforeParam = params.get("before");
  const before = beforeParam ? decodeCursor(beforeParam) : undefined;
  if (beforeParam && !before) return `"before" must be a cursor from a previous page's "next"`;
  const text = (name: string): string | undefined => params.get(name) || undefined;
  for (const name of ["device", "kind"])
    if ((params.get(name) ?? "").length > 128) return `"${name}" must be at most 128 characters`;
  return { from, to, limit, types, before, device: text("device"), kind: text("kind") };
}

export async function handleEvents(
  req: IncomingMessage,
  res: ServerResponse,
  ctx: EventsApiContext,
): Promise<void> {
  if (req.method !== "GET" && req.method !== "HEAD") {
    sendError(res, 405, "method_not_allowed", "/api/events takes GET");
    return;
  }
  if (!authorized(req, ctx.token)) {
    sendError(res, 401, "unauthorized", "a valid access token is needed (Authorization: Bearer <token>)");
    return;
  }
  const params = new URL(req.url ?? "/", "http://localhost").searchParams;
  const filter = parseEventsQuery(params, ctx.now());
  if (typeof filter === "string") {
    sendError(res, 400, "bad_request", filter);
    return;
  }
  try {
    const entries = await ctx.logbook.query({ ...filter, limit: filter.limit + 1 });
    sendJson(res, 200, toPage(entries, filter.limit));
  } catch (error) {
    sendError(res, 503, "store_unavailable", `the logbook could not be read: ${(error as Error).message}`);
  }
}
