/**
 * The alert API (docs/ALERTS.md): `GET/POST /api/alert-rules`, `GET/PUT/DELETE
 * /api/alert-rules/{id}`, `GET /api/alerts` and `POST /api/alerts/{id}/ack`. The route guard
 * (access/accessApi.ts) has found the actor; here an acknowledgement needs `acknowledge` and a rule
 * change `edit_rules` (403 `forbidden`), and both go to the audit log under the actor's name. Every
 * refusal is `{"error":{"code","message"}}` naming the field: 400 `bad_request`, 403 `forbidden`,
 * 404 `not_found` / `unknown_device`, 405 `method_not_allowed`, 409 `not_firing`, 413
 * `payload_too_large`, 503 `store_unavailable`.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { ALERT_RULES_API_PATH, ALERTS_API_PATH } from "../../../src/protocol/constants";
import type { AlertState } from "../../../src/protocol/messages";
import { type Actor, type AuditSink, can, forbiddenMessage, type Permission } from "../access/actor";
import { Refusal, sendError, sendJson } from "../historyApi";
import type { AlertService } from "./alertService";
import { RuleError } from "./rules";

/** Largest JSON body accepted (a rule or an acknowledgement), bytes. */
export const MAX_BODY_BYTES = 16 * 1024;
/** Longest acknowledgement comment, characters. */
export const MAX_COMMENT = 2000;
/** Default and largest number of alerts in one answer; default range when `from` is left out. */
export const DEFAULT_ALERTS = 1000;
export const MAX_ALERTS = 10_000;
export const DEFAULT_ALERT_RANGE_MS = 24 * 3_600_000;
const STATES: readonly AlertState[] = ["pending", "firing", "no_data", "resolved"];

const bad = (message: string) => new Refusal(400, "bad_request", message);

/** What the handler needs from the gateway. */
export interface AlertsApiContext {
  alerts: AlertService;
  now(): number;
  hasDevice(id: string): boolean;
  audit: AuditSink;
}

/** Refuses with 403 `forbidden` when `actor` lacks `permission`. */
function need(actor: Actor, permission: Permission): void {
  if (!can(actor, permission)) throw new Refusal(403, "forbidden", forbiddenMessage(actor, permission));
}

/** Reads a JSON body of at most `MAX_BODY_BYTES`; refusals carry `status` and `code`. */
export async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES)
      throw new Refusal(413, "payload_too_large", `body: at most ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8") || "null");
  } catch {
    throw bad("body: not valid JSON");
  }
}

function numberParam(params: URLSearchParams, name: string, fallback: number): number {
  const raw = params.get(name);
  if (raw === null || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value)) throw bad(`${name}: expected a number, got "${raw}"`);
  return value;
}

/** `GET /api/alerts?state=&device=&from=&to=&limit=`. */
async function listAlerts(url: URL, ctx: AlertsApiContext, res: ServerResponse): Promise<void> {
  const params = url.searchParams;
  const stateList = params.get("state");
  const states = stateList ? stateList.split(",").map((state) => state.trim()) : undefined;
  const wrong = states?.find((state) => !STATES.includes(state as AlertState));
  if (wrong !== undefined) throw bad(`state: expected a list of ${STATES.join(", ")}, got "${wrong}"`);
  const device = params.get("device") || undefined;
  if (device !== undefined && !ctx.hasDevice(device))
    throw new Refusal(404, "unknown_device", `device: no device "${device}"`);
  const to = numberParam(params, "to", ctx.now() + 1);
  const from = numberParam(params, "from", to - DEFAULT_ALERT_RANGE_MS);
  if (!(from < to)) throw bad(`from must be before to (from=${from}, to=${to})`);
  const limit = numberParam(params, "limit", DEFAULT_ALERTS);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_ALERTS)
    throw bad(`limit: expected an integer from 1 to ${MAX_ALERTS}, got ${limit}`);
  const alerts = await ctx.alerts.alerts({
    states: states as AlertState[] | undefined,
    device,
    from,
    to,
    limit,
  });
  sendJson(res, 200, { alerts });
}

async function acknowledge(
  id: string,
  req: IncomingMessage,
  ctx: AlertsApiContext,
  res: ServerResponse,
  actor: Actor,
) {
  need(actor, "acknowledge");
  const body = (await readJson(req)) as { comment?: unknown } | null;
  const comment = body?.comment ?? "";
  if (typeof body !== "object" || body === null || Array.isArray(body))
    throw bad('body: expected {"comment": "..."}');
  if (typeof comment !== "string" || comment.length > MAX_COMMENT)
    throw bad(`comment: expected a string of at most ${MAX_COMMENT} characters`);
  const result = await ctx.alerts.acknowledge(id, actor.user, comment);
  if (result === "not_found") throw new Refusal(404, "not_found", `no alert "${id}"`);
  if (result === "not_firing")
    throw new Refusal(
      409,
      "not_firing",
      `alert "${id}" is not firing; only a firing alert can be acknowledged`,
    );
  ctx.audit.append({
    at: ctx.now(),
    user: actor.user,
    action: "ack",
    device: result.device,
    detail: { alert: result.id, rule: result.rule },
  });
  sendJson(res, 200, { alert: result });
}

async function rules(
  method: string,
  id: string | undefined,
  req: IncomingMessage,
  ctx: AlertsApiContext,
  res: ServerResponse,
  actor: Actor,
) {
  const service = ctx.alerts;
  const known = () => service.rules().find((rule) => rule.id === id);
  if (method === "POST" || method === "PUT" || method === "DELETE") need(actor, "edit_rules");
  const audit = (op: "create" | "update" | "delete", rule: { id: string; name: string }) =>
    ctx.audit.append({
      at: ctx.now(),
      user: actor.user,
      action: "rule",
      detail: { op, rule: rule.id, name: rule.name },
    });
  if (id === undefined && method === "GET") return sendJson(res, 200, { rules: service.rules() });
  if (id === undefined && method === "POST") {
    const rule = await service.saveRule(await readJson(req));
    audit("create", rule);
    return sendJson(res, 201, { rule });
  }
  if (id !== undefined && method === "GET") {
    const rule = known();
    if (!rule) throw new Refusal(404, "not_found", `no alert rule "${id}"`);
    return sendJson(res, 200, { rule });
  }
  if (id !== undefined && method === "PUT") {
    if (!known()) throw new Refusal(404, "not_found", `no alert rule "${id}"`);
    const rule = await service.saveRule(await readJson(req), id);
    audit("update", rule);
    return sendJson(res, 200, { rule });
  }
  if (id !== undefined && method === "DELETE") {
    const name = known()?.name ?? "";
    if (!(await service.deleteRule(id))) throw new Refusal(404, "not_found", `no alert rule "${id}"`);
    audit("delete", { id, name });
    res.writeHead(204).end();
    return;
  }
  const allowed = id === undefined ? "GET, POST" : "GET, PUT, DELETE";
  throw new Refusal(
    405,
    "method_not_allowed",
    `${method} ${ALERT_RULES_API_PATH}${id ? "/{id}" : ""}: use ${allowed}`,
  );
}

async function route(req: IncomingMessage, res: ServerResponse, ctx: AlertsApiContext, actor: Actor) {
  const method = req.method ?? "GET";
  const url = new URL(req.url ?? "/", "http://x");
  const path = url.pathname.replace(/\/+$/, "");
  if (path === ALERT_RULES_API_PATH) return rules(method, undefined, req, ctx, res, actor);
  if (path.startsWith(`${ALERT_RULES_API_PATH}/`))
    return rules(
      method,
      decodeURIComponent(path.slice(ALERT_RULES_API_PATH.length + 1)),
      req,
      ctx,
      res,
      actor,
    );
  if (path === ALERTS_API_PATH) {
    if (method !== "GET")
      throw new Refusal(405, "method_not_allowed", `${method} ${ALERTS_API_PATH}: use GET`);
    return listAlerts(url, ctx, res);
  }
  const ack = /^\/api\/alerts\/([^/]+)\/ack$/.exec(path);
  if (ack) {
    if (method !== "POST") throw new Refusal(405, "method_not_allowed", `${method} ${path}: use POST`);
    return acknowledge(decodeURIComponent(ack[1] as string), req, ctx, res, actor);
  }
  throw new Refusal(404, "not_found", `no API at ${path}`);
}

/** Answers one request under `/api/alerts` or `/api/alert-rules` from `actor`. */
export async function handleAlerts(
  req: IncomingMessage,
  res: ServerResponse,
  ctx: AlertsApiContext,
  actor: Actor,
): Promise<void> {
  try {
    await route(req, res, ctx, actor);
  } catch (error) {
    if (res.headersSent) return;
    if (error instanceof Refusal) sendError(res, error.status, error.code, error.message);
    else if (error instanceof RuleError) sendError(res, 400, "bad_request", error.message);
    else
      sendError(res, 503, "store_unavailable", `the alert store cannot answer: ${(error as Error).message}`);
    // A refused body may still be arriving; the connection is not reused for it.
    if (!req.complete) res.once("finish", () => req.destroy());
  }
}
