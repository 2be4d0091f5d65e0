/**
 * Watches a page's WebSockets from the outside (Playwright's view of the browser's network):
 * which sockets are open, what each sent, and every sample the page received per device. This
 * needs no hook in the app, so the specs check what really crossed the wire.
 */
import type { Page, WebSocket } from "@playwright/test";
import type { ClientMessage, ServerMessage } from "../../src/protocol/messages";

/** One socket the page opened, with the client messages it sent (parsed). */
export interface WatchedSocket {
  socket: WebSocket;
  sent: ClientMessage[];
  closed: boolean;
  /** Handshake or socket errors Chromium reported (e.g. "Unexpected response code: 403"). */
  errors: string[];
}

/** Samples the page received for one device: seq -> time, plus gap reports. */
export interface ReceivedSeries {
  times: Map<number, number>;
  /** Seqs received more than once (replays overlapping live data would show up here). */
  duplicates: number;
  gaps: { fromSeq: number; toSeq: number }[];
}

export interface SocketWatch {
  sockets: WatchedSocket[];
  /** Sockets not yet closed. */
  open(): WatchedSocket[];
  /** Received samples per device of the current server session (a new session starts afresh). */
  series(device: string): ReceivedSeries;
  /** Every distinct `welcome.session` seen, in order. */
  sessions: string[];
}

function parse<T>(payload: string | Buffer): T | undefined {
  try {
    return JSON.parse(String(payload)) as T;
  } catch {
    return undefined;
  }
}

/** Starts recording the page's WebSockets; call before `page.goto`. */
export function watchSockets(page: Page): SocketWatch {
  const sockets: WatchedSocket[] = [];
  const sessions: string[] = [];
  let received = new Map<string, ReceivedSeries>();
  const seriesOf = (device: string): ReceivedSeries => {
    let entry = received.get(device);
    if (!entry) {
      entry = { times: new Map(), duplicates: 0, gaps: [] };
      received.set(device, entry);
    }
    return entry;
  };
  const onServerMessage = (message: ServerMessage) => {
    if (message.type === "welcome" && message.session !== sessions.at(-1)) {
      // seq starts again at 1 in a new server run: keep each run's samples apart.
      sessions.push(message.session);
      received = new Map();
    }
    if (message.type === "gap") seriesOf(message.device).gaps.push(message);
    if (message.type !== "data") return;
    for (const entry of message.batch) {
      const series = seriesOf(entry.device);
      entry.t.forEach((time, i) => {
        if (series.times.has(entry.seq + i)) series.duplicates += 1;
        series.times.set(entry.seq + i, time);
      });
    }
  };
  page.on("websocket", (socket) => {
    const watched: WatchedSocket = { socket, sent: [], closed: false, errors: [] };
    sockets.push(watched);
    socket.on("framesent", ({ payload }) => {
      const message = parse<ClientMessage>(payload);
      if (message) watched.sent.push(message);
    });
    socket.on("framereceived", ({ payload }) => {
      const message = parse<ServerMessage>(payload);
      if (message) onServerMessage(message);
    });
    socket.on("socketerror", (error) => watched.errors.push(error));
    socket.on("close", () => {
      watched.closed = true;
    });
  });
  return {
    sockets,
    sessions,
    open: () => sockets.filter((watched) => !watched.closed),
    series: seriesOf,
  };
}

/** Seqs missing between the lowest and highest seq received (empty when continuous). */
export function missingSeqs(series: ReceivedSeries): number[] {
  const seqs = [...series.times.keys()].sort((a, b) => a - b);
  const missing: number[] = [];
  for (let i = 1; i < seqs.length; i++) {
    for (let seq = (seqs[i - 1] as number) + 1; seq < (seqs[i] as number); seq++) missing.push(seq);
  }
  return missing;
}

/** Devices each `subscribe` on a socket asked for, flattened (a device twice means a duplicate). */
export function subscribedDevices(watched: WatchedSocket): string[] {
  return watched.sent.flatMap((message) => (message.type === "subscribe" ? message.devices : []));
}
