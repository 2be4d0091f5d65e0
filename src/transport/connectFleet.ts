/** Minimal connection used by the foundation page; replaced by the full transport client. */
import ReconnectingWebSocket from "reconnecting-websocket";
import { parseServerMessage, WS_PATH } from "../protocol";
import type { DeviceInfo } from "../protocol/messages";

export interface FleetHandlers {
  onWelcome(fleet: DeviceInfo[]): void;
  onClose(): void;
}

/** Opens the socket to `/ws` on the page's host; returns a function that closes it. */
export function connectFleet(handlers: FleetHandlers): () => void {
  const scheme = location.protocol === "https:" ? "wss:" : "ws:";
  const socket = new ReconnectingWebSocket(`${scheme}//${location.host}${WS_PATH}`, [], {
    maxEnqueuedMessages: 0,
  });
  socket.addEventListener("message", (event) => {
    const parsed = parseServerMessage(String(event.data));
    if (parsed.ok && parsed.message.type === "welcome") handlers.onWelcome(parsed.message.fleet);
  });
  socket.addEventListener("close", () => handlers.onClose());
  return () => socket.close();
}
