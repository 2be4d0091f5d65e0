/**
 * Sign-in over HTTP (docs/SECURITY.md, docs/PROTOCOL.md "Access"): `POST /api/login`,
 * `POST /api/logout`, `GET /api/me`, and `guard`, which every other `/api/` route goes through:
 * it finds the actor (session cookie or bearer token), answers 401 when there is none and 403
 * `forbidden` when its role lacks the permission, and refuses cookie-authenticated writes from
 * a foreign or missing Origin (CSRF).
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { readJson } from "../alerts/alertsApi";
import { sendError, sendJson } from "../historyApi";
import { originAllowed } from "../origin";
import { type AccessControl, type Admission, cookieValue, SESSION_COOKIE } from "./accessControl";
import { type Actor, can, forbiddenMessage, type Permission } from "./actor";
import { digest } from "./passwords";

export const LOGIN_PATH = "/api/login";
export const LOGOUT_PATH = "/api/logout";
export const ME_PATH = "/api/me";
const WRONG = "wrong user name or password";

/** What the sign-in routes and the guard need from the gateway. */
export interface AccessApiContext {
  access: AccessControl;
  /** Served over TLS (`--tls-cert`): cookies are `Secure`. */
  tls: boolean;
  /** `--trust-proxy`: take the client's address and scheme from X-Forwarded-For / -Proto. */
  trustProxy: boolean;
  allowOrigin: string[] | undefined;
  /** Session lifetime, ms (the cookie's Max-Age). */
  maxMs: number;
  /** Closes the sockets of the session `id` (a digest) with 4401. */
  endSession(id: string): void;
}

/** A handler that runs once the guard let the request through. */
export type GuardedRoute = (req: IncomingMessage, res: ServerResponse, actor: Actor) => void | Promise<void>;

/** The client's address: the socket's, or with `--trust-proxy` the last hop X-Forwarded-For names. */
export function clientAddress(req: IncomingMessage, trustProxy: boolean): string {
  const forwarded = trustProxy ? String(req.headers["x-forwarded-for"] ?? "") : "";
  const hops = forwarded
    .split(",")
    .map((hop) => hop.trim())
    .filter(Boolean);
  return hops[hops.length - 1] ?? req.socket.remoteAddress ?? "unknown";
}

function secure(req: IncomingMessage, ctx: AccessApiContext): boolean {
  return ctx.tls || (ctx.trustProxy && req.headers["x-forwarded-proto"] === "https");
}

function cookie(req: IncomingMessage, ctx: AccessApiContext, value: string, maxAge: number): string {
  const flags = `HttpOnly; SameSite=Strict; Path=/; Max-Age=${maxAge}`;
  return `${SESSION_COOKIE}=${value}; ${flags}${secure(req, ctx) ? "; Secure" : ""}`;
}

const writes = (req: IncomingMessage) => req.method !== "GET" && req.method !== "HEAD";

/** A browser request from a page the server does not serve (or, for a cookie, one that names none). */
function crossSite(req: IncomingMessage, ctx: AccessApiContext, needOrigin: boolean): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return needOrigin;
  return !originAllowed(origin, req.headers.host, ctx.allowOrigin);
}

/** Wraps `route`: 401 without an actor, 403 without `permission` or from a foreign origin. */
export function guard(ctx: AccessApiContext, permission: Permission, route: GuardedRoute) {
  return (req: IncomingMessage, res: ServerResponse): void =>
    void (async () => {
      let admission: Admission | undefined;
      try {
        admission = await ctx.access.fromRequest(req);
      } catch (error) {
        sendError(res, 503, "store_unavailable", `cannot check access: ${(error as Error).message}`);
        return;
      }
      if (!admission) {
        sendError(res, 401, "unauthorized", "sign in, or send Authorization: Bearer <token>");
        return;
      }
      const { actor } = admission;
      if (actor.via === "session" && writes(req) && crossSite(req, ctx, true)) {
        sendError(
          res,
          403,
          "forbidden",
          "origin: a signed-in change must come from the dashboard's own origin",
        );
        return;
      }
      if (!can(actor, permission)) {
        sendError(res, 403, "forbidden", forbiddenMessage(actor, permission));
        return;
      }
      await route(req, res, actor);
    })();
}

async function login(req: IncomingMessage, res: ServerResponse, ctx: AccessApiContext): Promise<void> {
  if (crossSite(req, ctx, false)) {
    sendError(res, 403, "forbidden", "origin: sign in from the dashboard's own origin");
    return;
  }
  const body = (await readJson(req)) as { username?: unknown; password?: unknown } | null;
  const { username, password } = body ?? {};
  if (typeof username !== "string" || username === "")
    return sendError(res, 400, "bad_request", "username: required (a string)");
  if (typeof password !== "string")
    return sendError(res, 400, "bad_request", "password: required (a string)");
  const result = await ctx.access.login(username, password, clientAddress(req, ctx.trustProxy));
  if (result.ok) {
    const maxAge = Math.floor(ctx.maxMs / 1000);
    sendJson(
      res,
      200,
      { user: result.user, role: result.role },
      { "set-cookie": cookie(req, ctx, result.secret, maxAge) },
    );
  } else if (result.retryAfter !== undefined) {
    const message = `too many failed sign-ins; try again in ${result.retryAfter} s`;
    res.setHeader("retry-after", String(result.retryAfter));
    sendError(res, 429, "rate_limited", message);
  } else sendError(res, 401, "unauthorized", WRONG);
}

async function logout(req: IncomingMessage, res: ServerResponse, ctx: AccessApiContext): Promise<void> {
  const secret = cookieValue(req.headers.cookie, SESSION_COOKIE);
  if (secret && crossSite(req, ctx, true)) {
    sendError(res, 403, "forbidden", "origin: sign out from the dashboard's own origin");
    return;
  }
  if (secret) {
    const id = digest(secret);
    await ctx.access.logout(id);
    ctx.endSession(id);
  }
  res.writeHead(204, { "set-cookie": cookie(req, ctx, "", 0), "cache-control": "no-store" }).end();
}

async function me(req: IncomingMessage, res: ServerResponse, ctx: AccessApiContext): Promise<void> {
  const admission = await ctx.access.fromRequest(req);
  if (!admission) {
    const error = { code: "unauthorized", message: "not signed in" };
    sendJson(res, 401, { error, signIn: ctx.access.signIn() }, { "www-authenticate": "Bearer" });
    return;
  }
  const { user, role, via } = admission.actor;
  sendJson(res, 200, { user, role, via });
}

/** The sign-in routes by path. */
export function accessRoutes(
  ctx: AccessApiContext,
): Record<string, (req: IncomingMessage, res: ServerResponse) => void> {
  const route =
    (method: string, path: string, handler: typeof login) => (req: IncomingMessage, res: ServerResponse) => {
      if (req.method !== method && !(method === "GET" && req.method === "HEAD")) {
        sendError(res, 405, "method_not_allowed", `${req.method} ${path}: use ${method}`);
        return;
      }
      handler(req, res, ctx).catch((error: Error & { status?: number; code?: string }) => {
        if (res.headersSent) return;
        if (error.status && error.code) sendError(res, error.status, error.code, error.message);
        else sendError(res, 503, "store_unavailable", `cannot check access: ${error.message}`);
      });
    };
  return {
    [LOGIN_PATH]: route("POST", LOGIN_PATH, login),
    [LOGOUT_PATH]: route("POST", LOGOUT_PATH, logout),
    [ME_PATH]: route("GET", ME_PATH, me),
  };
}
