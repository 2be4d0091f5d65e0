/**
 * Everything a session sends goes through its outbox: it counts frames and bytes, applies the
 * simulated network delay (the simulator's `--latency`; 0 in production), and reports how much is
 * still buffered for the client (socket buffer plus frames waiting out the latency), which drives
 * the slow-client policy. With the connection's socket at hand, a shared frame is written as the
 * bytes framed once for every client (fanout.ts; compressed once for every permessage-deflate
 * client), and the socket is corked for the rest of the turn, so a tick's frames leave in one
 * write.
 */
import type { Duplex } from "node:stream";
import WebSocket from "ws";
import { corkForTurn, SharedFrame, uncorkNow, writeTextFrame } from "./fanout";
import type { ServerMetrics } from "./metrics";

/** The sending side of one connection. */
export class Outbox {
  private delayedBytes = 0;
  private readonly timers = new Set<NodeJS.Timeout>();
  /** The socket under `ws`, written directly when no extension transforms frames. */
  private readonly raw: Duplex | undefined;
  /** permessage-deflate negotiated so that one compressed copy fits every client (`sharesDeflate`). */
  private readonly deflate: boolean;

  /** `socket`: the socket `ws` was handed at the upgrade (omitted: every frame goes through ws). */
  constructor(
    private readonly ws: WebSocket,
    private readonly metrics: ServerMetrics,
    private readonly latency: number,
    socket?: Duplex,
  ) {
    this.deflate = sharesDeflate(ws);
    // Any other extension (a deflate with a smaller window) transforms every message through ws.
    this.raw = socket && (ws.extensions === "" || this.deflate) ? socket : undefined;
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
    // ws writes its own frames (pings, close) to the same socket synchronously, as no message of
    // ours goes through its compressor, so the two paths keep the order of the calls. With
    // deflate, a message of this client's own is sent uncompressed (RSV1 clear: RFC 7692 allows
    // it), framed here: through ws it would wait in its asynchronous compressor and be overtaken.
    if (frame instanceof SharedFrame) this.raw.write(this.deflate ? frame.deflatedWire : frame.wire);
    else if (this.deflate) writeTextFrame(this.raw, frame);
    else this.ws.send(frame, { binary: false });
  }

  /** Drops frames still waiting out the latency (the connection closed). */
  dispose(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.delayedBytes = 0;
  }
}

/** ws keeps the negotiated extensions here (untyped). */
type Negotiated = { _extensions?: Record<string, { params?: Record<string, unknown> } | undefined> };

/**
 * Whether `ws` negotiated permessage-deflate so that a message compressed once without context
 * and with a 15-bit window (fanout.ts `deflateMessage`) is valid for it: `server_no_context_takeover`
 * (the server offers it: gateway.ts) and no smaller `server_max_window_bits`.
 */
export function sharesDeflate(ws: WebSocket): boolean {
  const params = (ws as unknown as Negotiated)._extensions?.["permessage-deflate"]?.params;
  if (ws.extensions !== "permessage-deflate" || params === undefined) return false;
  const bits = params.server_max_window_bits;
  return params.server_no_context_takeover === true && (bits === undefined || bits === true || bits === 15);
}
