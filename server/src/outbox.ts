/**
 * Everything a session sends goes through its outbox: it counts frames and bytes, applies the
 * simulated network delay (the simulator's `--latency`; 0 in production), and reports how much is still buffered for the client (socket buffer plus
 * frames waiting out the latency), which drives the slow-client policy.
 */
import WebSocket from "ws";
import type { ServerMetrics } from "./metrics";

/** The sending side of one connection. */
export class Outbox {
  private delayedBytes = 0;
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly ws: WebSocket,
    private readonly metrics: ServerMetrics,
    private readonly latency: number,
  ) {}

  /** Bytes accepted for this client but not yet handed to the kernel. */
  get buffered(): number {
    return this.ws.bufferedAmount + this.delayedBytes;
  }

  get open(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
  }

  /** Sends a text frame. A Buffer is sent as-is, so a shared data frame is encoded only once. */
  send(frame: string | Buffer): void {
    if (!this.open) return;
    const bytes = typeof frame === "string" ? Buffer.byteLength(frame) : frame.length;
    this.metrics.framesOut.inc();
    this.metrics.bytesOut.inc(bytes);
    if (this.latency <= 0) {
      this.ws.send(frame, { binary: false });
      return;
    }
    this.delayedBytes += bytes;
    // Timers with equal delays fire in creation order, so frames keep their order.
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.delayedBytes -= bytes;
      if (this.open) this.ws.send(frame, { binary: false });
    }, this.latency);
    this.timers.add(timer);
  }

  /** Drops frames still waiting out the latency (the connection closed). */
  dispose(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.delayedBytes = 0;
  }
}
