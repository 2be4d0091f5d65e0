/**
 * Headless protocol clients for the `server` scenario, on loopback, bounded in count by the
 * caller and closed by `closeAll`. Probe clients are `ws` sockets that measure delivery latency
 * (receive time minus the sample's server timestamp `t`: one machine, one clock). The others
 * are raw sockets that do the WebSocket handshake, send their subscribe frame and then only
 * count the bytes they drain: at 1,000 clients the server pushes about 1 GB/s, and parsing it
 * all would make this process the bottleneck it is meant to measure.
 */
import { randomBytes } from "node:crypto";
import { connect as connectTcp, type Socket } from "node:net";
import WebSocket from "ws";
import { encodeMessage } from "../../src/protocol";
import { LatencyHistogram } from "./stats";

export interface ClientPool {
  /** Delivery latency of the probes' samples (first sample of each data entry). */
  latency: LatencyHistogram;
  /** Bytes received by every client, and frames by the probes, since the last `resetCounters`. */
  bytes: number;
  frames: number;
  resetCounters(): void;
  closeAll(): Promise<void>;
}

const T_FIELD = '"t":[';
// Generous: each handshake waits behind the server encoding every earlier client's welcome
// (the whole fleet, about 690 KB for 1,000 devices); at 2,000 clients 30 s was not enough.
const HANDSHAKE_TIMEOUT_MS = 120_000;

/** Adds the delivery latency of each data entry's first sample in `text` to `histogram`. */
export function recordLatencies(text: string, receivedAt: number, histogram: LatencyHistogram): number {
  if (!text.startsWith('{"type":"data"') || text.includes('"replay":true')) return 0;
  let found = 0;
  let from = text.indexOf(T_FIELD);
  while (from !== -1) {
    const start = from + T_FIELD.length;
    let end = start;
    while (end < text.length) {
      const code = text.charCodeAt(end);
      if (code === 44 || code === 93) break; // "," or "]"
      end++;
    }
    const t = Number(text.slice(start, end));
    if (Number.isFinite(t) && end > start) {
      histogram.add(Math.max(0, receivedAt - t));
      found++;
    }
    from = text.indexOf(T_FIELD, end);
  }
  return found;
}

/** A client-to-server text frame (masked, as RFC 6455 requires of clients). */
export function maskedTextFrame(text: string): Buffer {
  const payload = Buffer.from(text, "utf8");
  if (payload.length > 0xffff) throw new RangeError("frame too long for this encoder");
  const header =
    payload.length < 126
      ? Buffer.from([0x81, 0x80 | payload.length])
      : Buffer.from([0x81, 0x80 | 126, payload.length >> 8, payload.length & 0xff]);
  const mask = randomBytes(4);
  const masked = Buffer.alloc(payload.length);
  for (let i = 0; i < payload.length; i++) masked[i] = (payload[i] as number) ^ (mask[i % 4] as number);
  return Buffer.concat([header, mask, masked]);
}

/**
 * One read buffer shared by every raw client: they only count what they drain, so no chunk is
 * allocated per read (`onread`). At 2,000 clients the bench process spent most of its time
 * allocating and collecting the chunks `data` events hand out, and at 5,000 its handshakes timed
 * out behind that work.
 */
const DRAIN_BUFFER = Buffer.alloc(256 * 1024);
const HEADER_END = "\r\n\r\n";

/** The HTTP upgrade request a raw client writes (RFC 6455 section 4.1). */
export function upgradeRequest(url: URL): string {
  return [
    `GET ${url.pathname}${url.search} HTTP/1.1`,
    `Host: ${url.host}`,
    "Connection: Upgrade",
    "Upgrade: websocket",
    `Sec-WebSocket-Key: ${randomBytes(16).toString("base64")}`,
    "Sec-WebSocket-Version: 13",
    // What browsers offer: a server with --per-message-deflate then sends compressed frames.
    "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits",
    "",
    "",
  ].join("\r\n");
}

/**
 * A raw client: the handshake written by hand on a plain TCP socket, then drain and count
 * bytes. Resolves once the server answered 101; subscribing is the caller's (`subscribeRaw`).
 */
function connectRaw(wsUrl: string, onBytes: (count: number) => void): Promise<Socket> {
  const url = new URL(wsUrl.replace(/^ws/, "http"));
  return new Promise((resolve, reject) => {
    let header = "";
    let upgraded = false;
    const fail = (error: Error) => {
      socket.destroy();
      reject(error);
    };
    const socket = connectTcp({
      host: url.hostname,
      port: Number(url.port),
      onread: {
        buffer: DRAIN_BUFFER,
        callback(count) {
          if (upgraded) {
            onBytes(count);
            return true;
          }
          // The 101 answer is short and comes first; what follows its blank line is frames.
          header += DRAIN_BUFFER.toString("latin1", 0, count);
          const end = header.indexOf(HEADER_END);
          if (end === -1) return true;
          if (!header.startsWith("HTTP/1.1 101")) {
            fail(new Error(`upgrade refused: ${header.slice(0, header.indexOf("\r\n"))}`));
            return false;
          }
          upgraded = true;
          clearTimeout(timer);
          onBytes(header.length - end - HEADER_END.length);
          resolve(socket);
          return true;
        },
      },
    });
    const timer = setTimeout(
      () => fail(new Error(`no upgrade from ${wsUrl} within ${HANDSHAKE_TIMEOUT_MS / 1000} s`)),
      HANDSHAKE_TIMEOUT_MS,
    );
    socket.on("error", (error) => {
      clearTimeout(timer);
      if (upgraded) socket.destroy();
      else reject(error);
    });
    socket.once("connect", () => socket.write(upgradeRequest(url)));
  });
}

const subscribeFrame = () => encodeMessage({ type: "subscribe", id: "bench", devices: ["*"] });

function connect(wsUrl: string, onMessage: (data: Buffer) => void): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(wsUrl, { perMessageDeflate: false, skipUTF8Validation: true });
    const timer = setTimeout(() => {
      socket.terminate();
      reject(new Error(`no welcome from ${wsUrl} within ${HANDSHAKE_TIMEOUT_MS / 1000} s`));
    }, HANDSHAKE_TIMEOUT_MS);
    socket.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    socket.once("message", () => {
      clearTimeout(timer);
      socket.on("message", (data) => onMessage(data as Buffer));
      resolve(socket);
    });
  });
}

/**
 * Opens `count` clients (at most `parallel` handshakes at a time). Subscribed clients ask for
 * `["*"]` once every client is open, so no handshake waits behind the live stream of the clients
 * before it (5,000 clients did not finish connecting in 120 s that way); `probes` of them,
 * spread evenly, measure latency.
 */
export async function openClients(
  wsUrl: string,
  count: number,
  options: { subscribe: boolean; probes?: number; parallel?: number },
): Promise<ClientPool> {
  const sockets: WebSocket[] = [];
  const raw: Socket[] = [];
  const probeEvery = Math.max(1, Math.floor(count / Math.max(1, options.probes ?? 50)));
  const pool: ClientPool = {
    latency: new LatencyHistogram(),
    bytes: 0,
    frames: 0,
    resetCounters() {
      pool.latency = new LatencyHistogram();
      pool.bytes = 0;
      pool.frames = 0;
    },
    closeAll: () =>
      Promise.all([
        ...raw.map(
          (socket) =>
            new Promise<void>((done) => {
              if (socket.destroyed) return done();
              socket.once("close", () => done());
              socket.destroy();
            }),
        ),
        ...sockets.map(
          (socket) =>
            new Promise<void>((done) => {
              if (socket.readyState === WebSocket.CLOSED) return done();
              socket.once("close", () => done());
              socket.terminate();
            }),
        ),
      ]).then(() => undefined),
  };
  const parallel = options.parallel ?? 100;
  for (let start = 0; start < count; start += parallel) {
    const batch = Array.from({ length: Math.min(parallel, count - start) }, async (_, k) => {
      const index = start + k;
      if (options.subscribe && index % probeEvery === 0) {
        const socket = await connect(wsUrl, (data) => {
          pool.bytes += data.length;
          pool.frames++;
          recordLatencies(data.toString("utf8"), Date.now(), pool.latency);
        });
        sockets.push(socket);
        return;
      }
      raw.push(
        await connectRaw(wsUrl, (bytes) => {
          pool.bytes += bytes;
        }),
      );
    });
    try {
      await Promise.all(batch);
    } catch (error) {
      await pool.closeAll();
      throw error;
    }
  }
  if (options.subscribe) {
    const frame = subscribeFrame();
    const masked = maskedTextFrame(frame);
    for (const socket of sockets) socket.send(frame);
    for (const socket of raw) socket.write(masked);
  }
  return pool;
}
