/**
 * The peers' socket: one plain WebSocket to the page's own server at /ws, protocol v1, parsed
 * with the shared parser, subscribed to every device. No reconnect: a bench run is short.
 */
import { encodeMessage, parseServerMessage, WS_PATH } from "../../../src/protocol";
import type { DataEntry, DeviceInfo } from "../../../src/protocol/messages";

export interface FeedHandlers {
  onWelcome(fleet: DeviceInfo[]): void;
  /** One data frame's entries; `receivedAt` is performance.now() at the socket event. */
  onData(entries: DataEntry[], receivedAt: number): void;
  onStatus(status: "connecting" | "Live" | "closed"): void;
}

export function connectFeed(handlers: FeedHandlers): () => void {
  const scheme = location.protocol === "https:" ? "wss" : "ws";
  const socket = new WebSocket(`${scheme}://${location.host}${WS_PATH}`);
  handlers.onStatus("connecting");
  socket.addEventListener("message", (event) => {
    const receivedAt = performance.now();
    const parsed = parseServerMessage(String(event.data));
    if (!parsed.ok) return;
    const message = parsed.message;
    if (message.type === "welcome") {
      handlers.onWelcome(message.fleet);
      socket.send(encodeMessage({ type: "subscribe", id: "peer", devices: ["*"] }));
      handlers.onStatus("Live");
    } else if (message.type === "data") {
      handlers.onData(message.batch, receivedAt);
    }
  });
  socket.addEventListener("close", () => handlers.onStatus("closed"));
  return () => socket.close();
}

/** The current route: the overview, or one device's view. */
export type PeerRoute = { view: "overview" } | { view: "device"; id: string };

export function currentRoute(): PeerRoute {
  const match = /^#\/devices\/([^?]+)/.exec(location.hash);
  return match?.[1] ? { view: "device", id: decodeURIComponent(match[1]) } : { view: "overview" };
}

/** Chart window of the device view (the `window` query of the route; 15 minutes default). */
export function windowMs(): number {
  const match = /[?&]window=(\d+)m/.exec(location.hash);
  return (match?.[1] ? Number(match[1]) : 15) * 60_000;
}
