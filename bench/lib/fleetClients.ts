/**
 * Headless protocol clients for the `server` scenario: plain `ws` sockets on loopback, bounded
 * in count by the caller and closed by `closeAll`. Probe clients measure delivery latency
 * (receive time minus the sample's server timestamp `t`, one machine, one clock); the others
 * only count bytes, so the measuring process does not become the bottleneck it measures.
 */
import WebSocket from "ws";
import { encodeMessage } from "../../src/protocol";
import { LatencyHistogram } from "./stats";

export interface ClientPool {
  /** Delivery latency of the probes' samples (first sample of each data entry). */
  latency: LatencyHistogram;
  /** Bytes and data frames received by every client since the last `resetCounters`. */
  bytes: number;
  frames: number;
  resetCounters(): void;
  closeAll(): Promise<void>;
}

const T_FIELD = '"t":[';

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

function connect(wsUrl: string, subscribe: boolean, onMessage: (data: Buffer) => void): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(wsUrl, { perMessageDeflate: false });
    const timer = setTimeout(() => {
      socket.terminate();
      reject(new Error(`no welcome from ${wsUrl} within 30 s`));
    }, 30_000);
    socket.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    socket.once("message", () => {
      clearTimeout(timer);
      if (subscribe) socket.send(encodeMessage({ type: "subscribe", id: "bench", devices: ["*"] }));
      socket.on("message", (data) => onMessage(data as Buffer));
      resolve(socket);
    });
  });
}

/**
 * Opens `count` clients (at most `parallel` handshakes at a time). Subscribed clients ask for
 * `["*"]`; `probes` of them, spread evenly, measure latency.
 */
export async function openClients(
  wsUrl: string,
  count: number,
  options: { subscribe: boolean; probes?: number; parallel?: number },
): Promise<ClientPool> {
  const sockets: WebSocket[] = [];
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
      Promise.all(
        sockets.map(
          (socket) =>
            new Promise<void>((done) => {
              if (socket.readyState === WebSocket.CLOSED) return done();
              socket.once("close", () => done());
              socket.terminate();
            }),
        ),
      ).then(() => undefined),
  };
  const parallel = options.parallel ?? 100;
  for (let start = 0; start < count; start += parallel) {
    const batch = Array.from({ length: Math.min(parallel, count - start) }, (_, k) => {
      const index = start + k;
      const probe = options.subscribe && index % probeEvery === 0;
      return connect(wsUrl, options.subscribe, (data) => {
        pool.bytes += data.length;
        pool.frames++;
        if (probe) recordLatencies(data.toString("utf8"), Date.now(), pool.latency);
      });
    });
    sockets.push(...(await Promise.all(batch)));
  }
  return pool;
}
