/**
 * A few protocol clients subscribed to every device, measuring sample -> client latency into the
 * histogram of the current phase, so alternating windows (at rest, under query load) each add up
 * to one distribution. Samples that arrive between phases are not counted.
 */
import WebSocket from "ws";
import { encodeMessage } from "../../src/protocol";
import { recordLatencies } from "./fleetClients";
import { LatencyHistogram } from "./stats";

export interface LiveProbes {
  /** Latencies are recorded into `phases[name]` while `phase` is that name; null pauses. */
  setPhase(name: string | null): void;
  histogram(name: string): LatencyHistogram;
  /** The first message each probe got: the server's `welcome`. */
  welcome: unknown;
  close(): Promise<void>;
}

function openProbe(wsUrl: string, onWelcome: (text: string) => void, onData: (text: string) => void) {
  return new Promise<WebSocket>((resolve, reject) => {
    const socket = new WebSocket(wsUrl, { perMessageDeflate: false, skipUTF8Validation: true });
    const timer = setTimeout(() => {
      socket.terminate();
      reject(new Error(`no welcome from ${wsUrl} within 60 s`));
    }, 60_000);
    socket.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    socket.once("message", (data) => {
      clearTimeout(timer);
      onWelcome(String(data));
      socket.send(encodeMessage({ type: "subscribe", id: "bench", devices: ["*"] }));
      socket.on("message", (message) => onData(String(message)));
      resolve(socket);
    });
  });
}

/** Opens `count` probes on `wsUrl`; latencies are recorded once a phase is set. */
export async function openLiveProbes(wsUrl: string, count: number): Promise<LiveProbes> {
  const phases = new Map<string, LatencyHistogram>();
  let current: LatencyHistogram | null = null;
  let welcome: unknown;
  const sockets: WebSocket[] = [];
  try {
    for (let i = 0; i < count; i++) {
      sockets.push(
        await openProbe(
          wsUrl,
          (text) => {
            welcome ??= JSON.parse(text);
          },
          (text) => {
            if (current) recordLatencies(text, Date.now(), current);
          },
        ),
      );
    }
  } catch (error) {
    for (const socket of sockets) socket.terminate();
    throw error;
  }
  const histogram = (name: string) => {
    let found = phases.get(name);
    if (!found) {
      found = new LatencyHistogram();
      phases.set(name, found);
    }
    return found;
  };
  return {
    setPhase: (name) => {
      current = name === null ? null : histogram(name);
    },
    histogram,
    welcome,
    close: async () => {
      await Promise.all(
        sockets.map(
          (socket) =>
            new Promise<void>((done) => {
              if (socket.readyState === WebSocket.CLOSED) return done();
              socket.once("close", () => done());
              socket.terminate();
            }),
        ),
      );
    },
  };
}
