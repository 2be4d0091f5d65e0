/**
 * `GET /api/audit?from=MS&to=MS&user=NAME&device=ID&action=a,b&limit=N&before=CURSOR` (admin):
 * the audit trail, newest first, one page at a time (`next`, present when there is an older page,
 * is passed back as `before`), paged as `/api/events`. Refusals: 401 `unauthorized` (no actor),
 * 403 `forbidden` (a role without `read_audit`), 400 `bad_request` naming the parameter, 405
 * `method_not_allowed`, 503 `store_unavailable`.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { sendCompressed, sendError } from "../historyApi";
import { parseList, parsePageQuery, parseTexts } from "../logbook/eventsApi";
import { toPage } from "../logbook/logbook";
import { type Actor, AUDIT_ACTIONS, type AuditAction, can, forbiddenMessage } from "./actor";
import type { AuditFilter, AuditLog, AuditRecord } from "./auditRecord";

export const AUDIT_API_PATH = "/api/audit";
export const DEFAULT_AUDIT_LIMIT = 200;

export interface AuditApiContext {
  audit: AuditLog;
  /** Who is asking (session cookie, bearer token, or open access), or undefined: not signed in. */
  actorOf(req: IncomingMessage): Promise<Actor | undefined>;
  now(): number;
}

/** The filter the query asks for, or the message naming what is wrong. */
export function parseAuditQuery(params: URLSearchParams, now: number): AuditFilter | string {
  const page = parsePageQuery(params, now, DEFAULT_AUDIT_LIMIT);
  if (typeof page === "string") return page;
  const actions = parseList<AuditAction>(params, "action", AUDIT_ACTIONS);
  if (typeof actions === "string") return actions;
  const texts = parseTexts(params, ["user", "device"]);
  if (typeof texts === "string") return texts;
  return { ...page, actions, ...texts };
}

/** A line as the API shows it: `at`, `user`, `action`, `device` when there is one, `detail`. */
function shown({ at, user, action, device, detail }: AuditRecord): Record<string, unknown> {
  return device === undefined ? { at, user, action, detail } : { at, user, action, device, detail };
}

export async function handleAudit(
  req: IncomingMessage,
  res: ServerResponse,
  ctx: AuditApiContext,
): Promise<void> {
  if (req.method !== "GET" && req.method !== "HEAD") {
    sendError(res, 405, "method_not_allowed", `${AUDIT_API_PATH} takes GET`);
    return;
  }
  const actor = await ctx.actorOf(req).catch(() => undefined);
  if (!actor) {
    sendError(res, 401, "unauthorized", "sign in, or send Authorization: Bearer <token>");
    return;
  }
  if (!can(actor, "read_audit")) {
    sendError(res, 403, "forbidden", forbiddenMessage(actor, "read_audit"));
    return;
  }
  const filter = parseAuditQuery(new URL(req.url ?? "/", "http://localhost").searchParams, ctx.now());
  if (typeof filter === "string") {
    sendError(res, 400, "bad_request", filter);
    return;
  }
  let records: AuditRecord[];
  try {
    records = await ctx.audit.query({ ...filter, limit: filter.limit + 1 });
  } catch (error) {
    sendError(res, 503, "store_unavailable", `the audit log could not be read: ${(error as Error).message}`);
    return;
  }
  const { entries, next } = toPage(records, filter.limit);
  const body = next === null ? { entries: entries.map(shown) } : { entries: entries.map(shown), next };
  await sendCompressed(req, res, JSON.stringify(body));
}
