/**
 * A loopback TCP proxy that simulates network faults between a dashboard and the server:
 * `cut()` drops every connection and refuses new ones, `stall()` keeps connections open but stops
 * forwarding bytes (held, not lost, so `restore()` delivers them late like a congested link would),
 * `delay(ms)` holds each chunk, `restore()` brings it back to normal. It also counts WebSocket
 * upgrade requests, so a test can tell whether a client is retrying.
 */
import { connect, createServer, type Server, type Socket } from "node:net";

export type ProxyMode = "pass" | "cut" | "stall";

/** Which way a stall holds bytes: both ways, only towards the server, or only towards the client. */
export type StallDirection = "both" | "toServer" | "toClient";

export interface FaultProxy {
  port: number;
  /** `http://127.0.0.1:<port>`: a page loaded from here sends its WebSocket through the proxy too. */
  url: string;
  mode(): ProxyMode;
  cut(): void;
  stall(direction?: StallDirection): void;
  delay(ms: number): void;
  restore(): void;
  /** Number of client connections accepted so far (refused ones during a cut not counted). */
  connections(): number;
  /** WebSocket upgrade requests (`GET /ws`) seen so far, including ones made during a stall. */
  upgrades(): number;
  /** Connections currently open through the proxy. */
  open(): number;
  close(): Promise<void>;
}

interface Pair {
  client: Socket;
  upstream: Socket;
}

interface Pipe {
  to: Socket;
  held: Buffer[];
  holds(): boolean;
}

const UPGRADE_REQUEST = /^GET \/ws[?\s][\s\S]*?\r\nupgrade:\s*websocket/im;

/** Starts a proxy on a free loopback port forwarding to `127.0.0.1:targetPort`. */
export async function startFaultProxy(targetPort: number): Promise<FaultProxy> {
  let mode: ProxyMode = "pass";
  let stalled: StallDirection = "both";
  let delayMs = 0;
  let accepted = 0;
  let upgrades = 0;
  const pairs = new Set<Pair>();
  const pipes = new Set<Pipe>();

  const write = (to: Socket, chunk: Buffer) => {
    if (delayMs > 0) setTimeout(() => to.writable && to.write(chunk), delayMs);
    else if (to.writable) to.write(chunk);
  };

  const forward = (from: Socket, to: Socket, direction: "toServer" | "toClient") => {
    const pipe: Pipe = {
      to,
      held: [],
      holds: () => mode === "stall" && (stalled === "both" || stalled === direction),
    };
    pipes.add(pipe);
    to.once("close", () => pipes.delete(pipe));
    from.on("data", (chunk: Buffer) => {
      if (direction === "toServer" && UPGRADE_REQUEST.test(chunk.toString("latin1"))) upgrades += 1;
      if (pipe.holds()) pipe.held.push(chunk);
      else write(to, chunk);
    });
  };

  const server: Server = createServer((client) => {
    if (mode === "cut") {
      client.destroy();
      return;
    }
    accepted += 1;
    const upstream = connect(targetPort, "127.0.0.1");
    const pair = { client, upstream };
    pairs.add(pair);
    const end = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on("error", end).on("close", end);
    upstream.on("error", end).on("close", end);
    forward(client, upstream, "toServer");
    forward(upstream, client, "toClient");
  });

  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;

  const dropAll = () => {
    for (const { client, upstream } of pairs) {
      client.destroy();
      upstream.destroy();
    }
    pairs.clear();
    pipes.clear();
  };

  return {
    port,
    url: `http://127.0.0.1:${port}`,
    mode: () => mode,
    cut() {
      mode = "cut";
      dropAll();
    },
    stall(direction = "both") {
      mode = "stall";
      stalled = direction;
    },
    delay(ms) {
      delayMs = ms;
    },
    restore() {
      mode = "pass";
      delayMs = 0;
      for (const pipe of pipes) {
        for (const chunk of pipe.held.splice(0)) write(pipe.to, chunk);
      }
    },
    connections: () => accepted,
    upgrades: () => upgrades,
    open: () => pairs.size,
    close: () =>
      new Promise<void>((done) => {
        dropAll();
        server.close(() => done());
      }),
  };
}
