/**
 * `GET /api/history?device=ID&from=MS&to=MS&points=N&metrics=a,b`: one device's history in at
 * most `points` buckets (docs/PROTOCOL.md, "History API"). Input is checked here, once, and every
 * refusal is JSON `{"error":{"code","message"}}` naming the parameter: 400 `bad_request`,
 * 404 `unknown_device`, 405 `method_not_allowed`, 503 `store_unavailable` (401 and 403 come from
 * the route guard, access/accessApi.ts, before this handler runs).
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { promisify } from "node:util";
import { gzip } from "node:zlib";
import type { Fleet } from "./fleet";
import type { Recorder } from "./recorder";
import { HistoryStoreError } from "./store/historyStore";
import { MAX_POINTS } from "./store/queryPlan";

const gzipAsync = promisify(gzip);

/** Default `points`, and the range shown when `from`/`to` are left out. */
export const DEFAULT_POINTS = 1000;
export const DEFAULT_RANGE_MS = 3_600_000;

/** A refusal: HTTP status, error code and message (answered by `sendError`; the /api handlers share it). */
export class Refusal extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Sends `body` as JSON with `status`. */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store", ...headers });
  res.end(JSON.stringify(body));
}

/** Answers bigger than this are gzipped for clients that accept it (a 24 h answer: ~95 kB). */
const GZIP_ABOVE_BYTES = 1024;

/** Sends a 200 JSON body, gzipped (off the event loop, in libuv's pool) when the client accepts it. */
export async function sendCompressed(req: IncomingMessage, res: ServerResponse, body: string): Promise<void> {
  const accepts = /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""));
  const headers = {
    "content-type": "application/json",
    "cache-control": "no-store",
    vary: "accept-encoding",
  };
  if (!accepts || body.length < GZIP_ABOVE_BYTES) {
    res.writeHead(200, headers).end(body);
    return;
  }
  const zipped = await gzipAsync(body, { level: 4 });
  res.writeHead(200, { ...headers, "content-encoding": "gzip" }).end(zipped);
}

/** Sends `{"error":{"code","message"}}`. */
export function sendError(res: ServerResponse, status: number, code: string, message: string): void {
  sendJson(res, status, { error: { code, message } }, status === 401 ? { "www-authenticate": "Bearer" } : {});
}

function numberParam(params: URLSearchParams, name: string, fallback: number): number {
  const raw = params.get(name);
  if (raw === null || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value))
    throw new Refusal(400, "bad_request", `${name}: expected a number, got "${raw}"`);
  return value;
}

/** What the history handler needs from the gateway. */
export interface HistoryApiContext {
  fleet: Fleet;
  recorder: Recorder;
  now(): number;
  /** Called with each answered query's duration, seconds. */
  observe(seconds: number): void;
}

/** Answers one `/api/history` request. */
export async function handleHistory(
  req: IncomingMessage,
  res: ServerResponse,
  ctx: HistoryApiContext,
): Promise<void> {
  try {
    if (req.method !== "GET" && req.method !== "HEAD")
      throw new Refusal(405, "method_not_allowed", `${req.method} /api/history: only GET is supported`);
    const params = new URL(req.url ?? "/", "http://x").searchParams;
    const id = params.get("device");
    if (!id) throw new Refusal(400, "bad_request", "device: required (a device id)");
    const device = ctx.fleet.byId.get(id);
    if (!device) throw new Refusal(404, "unknown_device", `device: no device "${id}"`);
    const to = numberParam(params, "to", ctx.now());
    const from = numberParam(params, "from", to - DEFAULT_RANGE_MS);
    if (from < 0) throw new Refusal(400, "bad_request", `from: expected epoch ms >= 0, got ${from}`);
    if (!(from < to))
      throw new Refusal(400, "bad_request", `from must be before to (from=${from}, to=${to})`);
    const points = numberParam(params, "points", DEFAULT_POINTS);
    if (!Number.isInteger(points) || points < 1 || points > MAX_POINTS)
      throw new Refusal(
        400,
        "bad_request",
        `points: expected an integer from 1 to ${MAX_POINTS}, got ${points}`,
      );
    const known = device.metrics.map((metric) => metric.key);
    const asked = params.get("metrics");
    const metrics = asked ? asked.split(",").map((key) => key.trim()) : known;
    const unknown = metrics.filter((key) => !known.includes(key));
    if (unknown.length)
      throw new Refusal(
        400,
        "bad_request",
        `metrics: ${device.id} has no metric ${unknown.map((key) => `"${key}"`).join(", ")} (it has ${known.join(", ")})`,
      );
    const started = performance.now();
    const answer = await ctx.recorder.query({ device: id, from, to, points, metrics }, device);
    ctx.observe((performance.now() - started) / 1000);
    await sendCompressed(req, res, JSON.stringify(answer));
  } catch (error) {
    if (error instanceof Refusal) sendError(res, error.status, error.code, error.message);
    else if (error instanceof HistoryStoreError && error.code === "bad_request")
      sendError(res, 400, "bad_request", error.message);
    else
      sendError(
        res,
        503,
        "store_unavailable",
        `the history store cannot answer: ${(error as Error).message}`,
      );
  }
}
