/**
 * The mock fleet server: HTTP (SPA, /healthz) and the WebSocket endpoint /ws on one port.
 */
import { randomUUID } from "node:crypto";
import { createReadStream, existsSync, statSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize, resolve } from "node:path";
import { WebSocketServer } from "ws";
import { encodeMessage, PROTOCOL_VERSION, WS_PATH } from "../../src/protocol";
import type { DeviceInfo } from "../../src/protocol/messages";
import { createFleet } from "./fleet";

export interface MockServerOptions {
  port?: number;
  host?: string;
  devices?: number;
  seed?: number;
  /** Directory of the built SPA to serve at `/`. */
  static?: string;
}

export interface MockServer {
  url: string;
  port: number;
  session: string;
  close(): Promise<void>;
}

const MIME: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".json": "application/json",
  ".map": "application/json",
  ".ico": "image/x-icon",
};

function serveStatic(root: string, req: IncomingMessage, res: ServerResponse): void {
  const pathname = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
  let file = normalize(join(root, pathname));
  if (!file.startsWith(root)) {
    res.writeHead(403).end("forbidden");
    return;
  }
  // Client-side routes fall back to the SPA's index.html.
  if (!existsSync(file) || statSync(file).isDirectory()) file = join(root, "index.html");
  if (!existsSync(file)) {
    res.writeHead(404).end("not found");
    return;
  }
  res.writeHead(200, { "content-type": MIME[extname(file)] ?? "application/octet-stream" });
  createReadStream(file).pipe(res);
}

/** Starts a mock fleet server. Resolves once it listens; `port: 0` picks a free port. */
export async function createMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  const session = randomUUID();
  const fleet: DeviceInfo[] = createFleet(options.devices ?? 12, options.seed ?? 1);
  const staticRoot = options.static ? resolve(options.static) : undefined;
  const started = Date.now();
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });

  const http = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    if (path === "/healthz") {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(
        JSON.stringify({
          ok: true,
          session,
          devices: fleet.length,
          clients: wss.clients.size,
          uptime: (Date.now() - started) / 1000,
        }),
      );
      return;
    }
    if (staticRoot) {
      serveStatic(staticRoot, req, res);
      return;
    }
    res.writeHead(404).end("not found");
  });

  http.on("upgrade", (req, socket, head) => {
    socket.on("error", () => socket.destroy());
    if (new URL(req.url ?? "/", "http://x").pathname !== WS_PATH) {
      socket.end("HTTP/1.1 404 Not Found\r\n\r\n");
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      ws.on("error", () => ws.terminate());
      ws.send(
        encodeMessage({
          type: "welcome",
          protocol: PROTOCOL_VERSION,
          session,
          serverTime: Date.now(),
          fleet,
        }),
      );
    });
  });

  await new Promise<void>((done) => http.listen(options.port ?? 8080, options.host ?? "0.0.0.0", done));
  const port = (http.address() as AddressInfo).port;
  return {
    url: `http://localhost:${port}`,
    port,
    session,
    close: () =>
      new Promise<void>((done) => {
        for (const client of wss.clients) client.close(1001, "server shutting down");
        wss.close();
        http.close(() => done());
        http.closeAllConnections();
      }),
  };
}
