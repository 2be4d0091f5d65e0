/**
 * `/api/views` (docs/PROTOCOL.md, docs/VIEWS.md): the team's saved views. Everyone who may watch
 * lists and opens them and keeps their own favourites and home view; operators and admins save;
 * only a view's owner or an admin changes or deletes it. The access guard (apiRoutes.ts) has
 * found the actor and checked the origin of writes before these run.
 *
 *   GET    /api/views                 -> {views, favourites, home}
 *   POST   /api/views                 {name, kind, state} or an exported file -> 201 {view}
 *   GET    /api/views/{id}            -> {view}
 *   PUT    /api/views/{id}            {name, kind, state} -> {view}
 *   DELETE /api/views/{id}            -> 204
 *   PUT    /api/views/{id}/favourite  (DELETE to unmark) -> 204
 *   PUT    /api/views/{id}/home       (DELETE to clear) -> 204
 */
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import {
  readViewDraft,
  type SavedView,
  VIEW_VERSION,
  ViewFormatError,
} from "../../../src/features/views/viewFormat";
import { type AccessApiContext, guard } from "../access/accessApi";
import { type Actor, can, forbiddenMessage } from "../access/actor";
import { readJson } from "../alerts/alertsApi";
import { Refusal, sendError, sendJson } from "../historyApi";
import type { ViewStore } from "./viewStore";

export const VIEWS_API_PATH = "/api/views";

export interface ViewsApiContext {
  views: ViewStore;
  hasDevice(id: string): boolean;
  now(): number;
}

/** Operators and admins save; a viewer's refusal names the role needed, as every `forbidden` does. */
function mustSave(actor: Actor): void {
  if (!can(actor, "save_views")) throw new Refusal(403, "forbidden", forbiddenMessage(actor, "save_views"));
}

function mustOwn(actor: Actor, view: SavedView, doing: string): void {
  if (actor.role !== "admin" && actor.user !== view.owner)
    throw new Refusal(
      403,
      "forbidden",
      `${actor.role} ${actor.user} may not ${doing} "${view.name}": only its owner (${view.owner}) or an admin may`,
    );
}

async function draftOf(req: IncomingMessage, ctx: ViewsApiContext) {
  const body = await readJson(req);
  // An exported file carries `format`: then its version is checked too (an import).
  const file = typeof body === "object" && body !== null && "format" in body;
  return readViewDraft(body, ctx.hasDevice, file);
}

async function found(ctx: ViewsApiContext, id: string): Promise<SavedView> {
  const view = await ctx.views.get(id);
  if (!view) throw new Refusal(404, "not_found", `id: no view "${id}"`);
  return view;
}

async function route(
  req: IncomingMessage,
  res: ServerResponse,
  ctx: ViewsApiContext,
  actor: Actor,
): Promise<void> {
  const path = new URL(req.url ?? "/", "http://localhost").pathname;
  const [id, sub, ...rest] = path
    .slice(VIEWS_API_PATH.length)
    .split("/")
    .filter(Boolean)
    .map((part) => {
      try {
        return decodeURIComponent(part);
      } catch {
        throw new Refusal(404, "not_found", `path: "${part}" is not a view id`);
      }
    });
  const method = req.method ?? "GET";
  const allow = (methods: string) =>
    new Refusal(405, "method_not_allowed", `method: ${method} not allowed here (${methods})`);
  if (rest.length > 0) throw new Refusal(404, "not_found", `path: no such route "${path}"`);
  if (!id) {
    if (method === "GET") {
      const [views, prefs] = await Promise.all([ctx.views.list(), ctx.views.prefs(actor.user)]);
      return sendJson(res, 200, { views, ...prefs });
    }
    if (method !== "POST") throw allow("GET, POST");
    mustSave(actor);
    const draft = await draftOf(req, ctx);
    const at = ctx.now();
    const view: SavedView = {
      id: randomUUID(),
      owner: actor.user,
      ...draft,
      version: VIEW_VERSION,
      createdAt: at,
      updatedAt: at,
    };
    await ctx.views.create(view);
    return sendJson(res, 201, { view });
  }
  const view = await found(ctx, id);
  if (sub === "favourite" || sub === "home") {
    if (method !== "PUT" && method !== "DELETE") throw allow("PUT, DELETE");
    const on = method === "PUT";
    if (sub === "favourite") await ctx.views.setFavourite(actor.user, id, on);
    else if (on) await ctx.views.setHome(actor.user, id);
    else if ((await ctx.views.prefs(actor.user)).home === id) await ctx.views.setHome(actor.user, null);
    res.writeHead(204).end();
    return;
  }
  if (sub) throw new Refusal(404, "not_found", `path: no such route "${path}"`);
  if (method === "GET") return sendJson(res, 200, { view });
  if (method === "PUT") {
    mustSave(actor);
    mustOwn(actor, view, "change");
    const draft = await draftOf(req, ctx);
    const changed: SavedView = { ...view, ...draft, version: VIEW_VERSION, updatedAt: ctx.now() };
    if (!(await ctx.views.update(changed))) throw new Refusal(404, "not_found", `id: no view "${id}"`);
    return sendJson(res, 200, { view: changed });
  }
  if (method === "DELETE") {
    mustOwn(actor, view, "delete");
    await ctx.views.remove(id);
    res.writeHead(204).end();
    return;
  }
  throw allow("GET, PUT, DELETE");
}

/** Serves `/api/views` and below for `actor`; every refusal is `{error: {code, message}}`. */
export async function handleViews(
  req: IncomingMessage,
  res: ServerResponse,
  ctx: ViewsApiContext,
  actor: Actor,
): Promise<void> {
  try {
    await route(req, res, ctx, actor);
  } catch (error) {
    if (error instanceof ViewFormatError) return sendError(res, 400, error.code, error.message);
    const refusal = error as { status?: unknown; code?: unknown; message?: string };
    if (typeof refusal.status === "number" && typeof refusal.code === "string")
      return sendError(res, refusal.status, refusal.code, refusal.message ?? "");
    sendError(res, 503, "store_unavailable", `views: ${(error as Error).message}`);
  }
}

/** The routes under `/api/views`, behind the access guard (an actor who may watch). */
export function viewsRoutes(
  access: AccessApiContext,
  ctx: ViewsApiContext | undefined,
): Record<string, (req: IncomingMessage, res: ServerResponse) => void> {
  if (!ctx) return {};
  const route = guard(access, "watch", (req, res, actor) => handleViews(req, res, ctx, actor));
  return { [VIEWS_API_PATH]: route, [`${VIEWS_API_PATH}/`]: route };
}
