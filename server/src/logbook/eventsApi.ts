/**
 * `GET /api/events?from=MS&to=MS&device=ID&kind=KIND&type=a,b&limit=N&before=CURSOR`: the fleet's
 * logbook, newest first, one page at a time (`next` is the cursor of the older page, or null).
 * Input is checked here, once; a refusal names the parameter: 400 `bad_request`, 405
 * `method_not_allowed`, 503 `store_unavailable` (401 and 403 come from the route guard,
 * access/accessApi.ts, before this handler runs).
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { LOG_ENTRY_TYPES } from "../../../src/protocol/constants";
import type { LogEntryType } from "../../../src/protocol/messages";
import { sendError, sendJson } from "../historyApi";
import { decodeCursor, type Logbook, type LogCursor, type LogFilter, toPage } from "./logbook";

export const DEFAULT_EVENTS_LIMIT = 100;
export const MAX_EVENTS_LIMIT = 1000;
/** Longest device, kind or user name a filter may name. */
const MAX_TEXT_PARAM = 128;

export interface EventsApiContext {
  logbook: Logbook;
  now(): number;
}

/** What every paged read asks: `[from, to)`, how many, and the cursor of the previous page. */
export interface PageQuery {
  from: number;
  to: number;
  limit: number;
  before: LogCursor | undefined;
}

/**
 * `from` (default 0), `to` (default now + 1 min), `limit` (1..1000) and `before`, or the message
 * naming what is wrong. `/api/events` and `/api/audit` page alike.
 */
export function parsePageQuery(
  params: URLSearchParams,
  now: number,
  defaultLimit: number,
): PageQuery | string {
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
  const limit = int("limit", defaultLimit, 1, MAX_EVENTS_LIMIT);
  if (typeof from === "string") return from;
  if (typeof to === "string") return to;
  if (typeof limit === "string") return limit;
  if (from >= to) return `"from" (${from}) must be before "to" (${to})`;
  const beforeParam = params.get("before");
  const before = beforeParam ? decodeCursor(beforeParam) : undefined;
  if (beforeParam && !before) return `"before" must be a cursor from a previous page's "next"`;
  return { from, to, limit, before };
}

/** The comma-separated values of `name` when each is one of `allowed`, or the message naming what is wrong. */
export function parseList<T extends string>(
  params: URLSearchParams,
  name: string,
  allowed: readonly T[],
): T[] | undefined | string {
  const raw = params.get(name);
  if (!raw) return undefined;
  const values = raw.split(",");
  const wrong = values.find((value) => !(allowed as readonly string[]).includes(value));
  if (wrong !== undefined)
    return `"${name}" must be a comma-separated list of ${allowed.join(", ")}; got "${wrong.slice(0, 40)}"`;
  return values as T[];
}

/** The value of each text parameter in `names` (undefined when empty), or the message naming one too long. */
export function parseTexts<K extends string>(
  params: URLSearchParams,
  names: readonly K[],
): Record<K, string | undefined> | string {
  const texts = {} as Record<K, string | undefined>;
  for (const name of names) {
    const value = params.get(name) ?? "";
    if (value.length > MAX_TEXT_PARAM) return `"${name}" must be at most ${MAX_TEXT_PARAM} characters`;
    texts[name] = value || undefined;
  }
  return texts;
}

/** The filter the query asks for, or the message naming what is wrong. */
export function parseEventsQuery(params: URLSearchParams, now: number): LogFilter | string {
  const page = parsePageQuery(params, now, DEFAULT_EVENTS_LIMIT);
  if (typeof page === "string") return page;
  const types = parseList<LogEntryType>(params, "type", LOG_ENTRY_TYPES);
  if (typeof types === "string") return types;
  const texts = parseTexts(params, ["device", "kind"]);
  if (typeof texts === "string") return texts;
  return { ...page, types, ...texts };
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
