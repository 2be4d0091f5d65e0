/**
 * Everything a session sends goes through its outbox: it counts frames and bytes, applies the
 * simulated network delay (the simulator's `--latency`; 0 in production), and reports how much is
 * still buffered for the client (socket buffer plus frames waiting out the latency), which drives
 * the slow-client policy. With the connection's socket at hand and no per-message compression, a
 * shared frame is written as the bytes framed once for every client (fanout.ts), and the socket
 * is corked for the rest of the turn, so a tick's frames leave in one write.
 */
import type { Duplex } from "node:stream";
import WebSocket from "ws";
import { corkForTurn, SharedFrame, uncorkNow } from "./fanout";
import type { ServerMetrics } from "./metrics";

/** The sending side of one connection. */
export class Outbox {
  private delayedBytes = 0;
  private readonly timers = new Set<NodeJS.Timeout>();
  /** The socket under `ws`, written directly when no extension transforms frames. */
  private readonly raw: Duplex | undefined;

  /** `socket`: the socket `ws` was handed at the upgrade (omitted: every frame goes through ws). */
  constructor(
    private readonly ws: WebSocket,
    private readonly metrics: ServerMetrics,
    private readonly latency: number,
    socket?: Duplex,
  ) {
    // permessage-deflate compresses each message per connection: shared bytes cannot be reused.
    this.raw = socket && ws.extensions === "" ? socket : undefined;
  }

  /** Bytes accepted for this client but not yet handed to the kernel. */
  get buffered(): number {
    return this.ws.bufferedAmount + this.delayedBytes;
  }

  /**
   * True when more than `limit` bytes wait for this client. Frames corked this turn count only if
   * they would still be waiting once handed to the kernel, which this then does: a client near
   * its cap is judged as without the cork, and any other keeps its frames corked.
   */
  exceeds(limit: number): boolean {
    if (this.buffered <= limit) return false;
    if (this.raw !== undefined) uncorkNow(this.raw);
    return this.buffered > limit;
  }

  get open(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
  }

  /** Sends a text frame: a message of this client's own, or a frame shared with others. */
  send(frame: string | SharedFrame): void {
    if (!this.open) return;
    const bytes = typeof frame === "string" ? Buffer.byteLength(frame) : frame.payload.length;
    this.metrics.framesOut.inc();
    this.metrics.bytesOut.inc(bytes);
    if (this.latency <= 0) {
      this.write(frame);
      return;
    }
    this.delayedBytes += bytes;
    // Timers with equal delays fire in creation order, so frames keep their order.
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.delayedBytes -= bytes;
      if (this.open) this.write(frame);
    }, this.latency);
    this.timers.add(timer);
  }

  private write(frame: string | SharedFrame): void {
    if (this.raw === undefined) {
      this.ws.send(typeof frame === "string" ? frame : frame.payload, { binary: false });
      return;
    }
    corkForTurn(this.raw);
    // ws writes its own frames to the same socket synchronously (no extension queues them), so
    // the two paths keep the order of the calls.
    if (frame instanceof SharedFrame) this.raw.write(frame.wire);
    else this.ws.send(frame, { binary: false });
  }

  /** Drops frames still waiting out the latency (the connection closed). */
  dispose(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.delayedBytes = 0;
  }
}
