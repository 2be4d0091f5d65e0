/**
 * A loopback TCP proxy that simulates network faults between a dashboard and the server:
 * `cut()` drops every connection and refuses new ones, `stall()` keeps connections open but stops
 * forwarding bytes, `delay(ms)` holds each chunk, `restore()` brings it back to normal.
 */
import { connect, createServer, type Server, type Socket } from "node:net";

export type ProxyMode = "pass" | "cut" | "stall";

export interface FaultProxy {
  port: number;
  mode(): ProxyMode;
  cut(): void;
  stall(): void;
  delay(ms: number): void;
  restore(): void;
  /** Number of client connections accepted so far (refused ones during a cut not counted). */
  connections(): number;
  close(): Promise<void>;
}

interface Pair {
  client: Socket;
  upstream: Socket;
}

/** Starts a proxy on a free loopback port forwarding to `127.0.0.1:targetPort`. */
export async function startFaultProxy(targetPort: number): Promise<FaultProxy> {
  let mode: ProxyMode = "pass";
  let delayMs = 0;
  let accepted = 0;
  const pairs = new Set<Pair>();

  const forward = (from: Socket, to: Socket) => {
    from.on("data", (chunk) => {
      if (mode === "stall") return;
      if (delayMs > 0) setTimeout(() => to.writable && to.write(chunk), delayMs);
      else if (to.writable) to.write(chunk);
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
    forward(client, upstream);
    forward(upstream, client);
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
  };

  return {
    port,
    mode: () => mode,
    cut() {
      mode = "cut";
      dropAll();
    },
    stall() {
      mode = "stall";
    },
    delay(ms) {
      delayMs = ms;
    },
    restore() {
      mode = "pass";
      delayMs = 0;
    },
    connections: () => accepted,
    close: () =>
      new Promise<void>((done) => {
        dropAll();
        server.close(() => done());
      }),
  };
}
