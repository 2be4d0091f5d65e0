/**
 * The HTTP side of the server: `/healthz`, `/metrics`, the `/api/` routes, the SPA, and the
 * checks at the WebSocket upgrade (path, Origin, connection cap).
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import { WS_PATH } from "../../src/protocol";
import { sendError } from "./historyApi";
import type { ServerMetrics } from "./metrics";
import { originAllowed } from "./origin";
import { serveStatic } from "./staticFiles";

/** What `/healthz` reports; `ok` is false (HTTP 503) while an MQTT source has no broker. */
export interface Health {
  ok: boolean;
  session: string;
  devices: number;
  clients: number;
  /** Seconds since the server started. */
  uptime: number;
  /** The fleet source's own report (an MQTT source: its broker). */
  source?: object;
  /** The history store, when there is one. */
  store?: object;
}

function pathOf(req: IncomingMessage): string {
  try {
    return new URL(req.url ?? "/", "http://x").pathname;
  } catch {
    return "";
  }
}

/** The route of the longest prefix key (ending in `/`) that `path` starts with. */
function prefixRoute<T>(api: Record<string, T>, path: string): T | undefined {
  let best: string | undefined;
  for (const key of Object.keys(api))
    if (key.endsWith("/") && path.startsWith(key) && key.length > (best?.length ?? 0)) best = key;
  return best === undefined ? undefined : api[best];
}

/** Answers plain HTTP requests. `staticRoot` is an absolute directory, or undefined. */
export function createRequestHandler(options: {
  health: () => Health;
  metrics: ServerMetrics;
  staticRoot: string | undefined;
  /** API routes by path (`/api/history`, ...); a path ending in `/` also takes every path below it. */
  api: Record<string, (req: IncomingMessage, res: ServerResponse) => void>;
}): (req: IncomingMessage, res: ServerResponse) => void {
  const { health, metrics, staticRoot, api } = options;
  return (req, res) => {
    const path = pathOf(req);
    const route = Object.hasOwn(api, path) ? api[path] : prefixRoute(api, path);
    if (route) {
      route(req, res);
      return;
    }
    if (path.startsWith("/api/")) {
      sendError(res, 404, "not_found", `no API at ${path}`);
      return;
    }
    if (path === "/healthz") {
      const report = health();
      // A load balancer takes a server that lost its broker out of rotation.
      res.writeHead(report.ok ? 200 : 503, {
        "content-type": "application/json",
        "cache-control": "no-store",
      });
      res.end(JSON.stringify(report));
      return;
    }
    if (path === "/metrics") {
      void metrics.registry.metrics().then((text) => {
        res.writeHead(200, { "content-type": metrics.registry.contentType });
        res.end(text);
      });
      return;
    }
    if (staticRoot) serveStatic(staticRoot, req, res);
    else
      res
        .writeHead(404, { "content-type": "text/plain" })
        .end("not found (start with --static DIR to serve the dashboard)");
  };
}

/**
 * Checks an upgrade request; returns undefined to accept it, or refuses it on the socket
 * (404 wrong path, 403 Origin, 503 over capacity) and returns the reason.
 */
export function refuseUpgrade(
  req: IncomingMessage,
  socket: Duplex,
  options: {
    allowOrigin: string[] | undefined;
    clients: number;
    maxConnections: number;
    metrics: ServerMetrics;
  },
): string | undefined {
  let status: string | undefined;
  let reason = "";
  if (pathOf(req) !== WS_PATH) [status, reason] = ["404 Not Found", "path"];
  else if (!originAllowed(req.headers.origin, req.headers.host, options.allowOrigin)) {
    [status, reason] = ["403 Forbidden", "origin"];
  } else if (options.clients >= options.maxConnections)
    [status, reason] = ["503 Service Unavailable", "capacity"];
  if (status === undefined) return undefined;
  options.metrics.rejectedConnections.inc({ reason });
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Type: text/plain\r\n\r\n${reason}\n`);
  return reason;
}
