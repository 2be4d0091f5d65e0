/**
 * Sending one frame to many connections. A `SharedFrame` is encoded once and framed once (the
 * WebSocket header written before its payload, by ws's own `Sender.frame`), and the same bytes
 * are then written to every socket that gets it. `corkForTurn` holds a socket's writes until the
 * end of the event-loop turn, so everything a tick sends one client (its data frame, fleet news,
 * alerts, `latest`) reaches the kernel in one writev instead of one write per frame: the profile
 * of 1,000 clients put 63 % of the server's samples in writev, a third of them for small frames.
 * A client that negotiated permessage-deflate (every browser offers it) gets the frame compressed
 * once for all of them (`deflatedWire`), since the server takes no context over between messages.
 */
import type { Duplex } from "node:stream";
import { constants, deflateRawSync } from "node:zlib";
import * as wsModule from "ws";

/** ws exports its framer (`Sender`) without types; only its static `frame` is used. */
interface FrameOptions {
  fin: boolean;
  opcode: number;
  mask: boolean;
  readOnly: boolean;
  rsv1: boolean;
}
const { Sender } = wsModule as unknown as {
  Sender: { frame(data: Buffer, options: FrameOptions): Buffer[] };
};

const TEXT_FRAME: FrameOptions = { fin: true, opcode: 1, mask: false, readOnly: true, rsv1: false };
/** A text frame whose payload is compressed (RFC 7692: RSV1 set on the message's first frame). */
const DEFLATED_FRAME: FrameOptions = { ...TEXT_FRAME, rsv1: true };

/**
 * zlib level of a shared frame compressed once for every permessage-deflate client. Level 1 on
 * a 1,000-device tick's JSON: see docs/PERFORMANCE.md (fan-out).
 */
const SHARED_DEFLATE_LEVEL = 1;

/** One unmasked server frame of `payload`, header and payload joined. */
function frameOf(payload: Buffer, options: FrameOptions = TEXT_FRAME): Buffer {
  const parts = Sender.frame(payload, options);
  return parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts);
}

/** Writes `text` to `socket` as one uncompressed text frame, header then payload (no copy joining them). */
export function writeTextFrame(socket: Duplex, text: string): void {
  for (const part of Sender.frame(Buffer.from(text), TEXT_FRAME)) socket.write(part);
}

/**
 * `payload` compressed as one permessage-deflate message without context takeover: raw deflate,
 * flushed with Z_SYNC_FLUSH and its trailing 00 00 ff ff removed (RFC 7692, 7.2.1). Valid for
 * every client that negotiated `server_no_context_takeover` with a 15-bit window.
 */
function deflateMessage(payload: Buffer): Buffer {
  const out = deflateRawSync(payload, { level: SHARED_DEFLATE_LEVEL, finishFlush: constants.Z_SYNC_FLUSH });
  return out.subarray(0, out.length - 4);
}

/** A text frame sent unchanged to several connections. */
export class SharedFrame {
  /** Frames built (header and payload joined) in this process, for tests that count sharing. */
  static framings = 0;
  /** Frames compressed in this process (tests count sharing). */
  static deflations = 0;
  /** The frame's UTF-8 payload (a server message as JSON). */
  readonly payload: Buffer;
  private framed: Buffer | undefined;
  private deflated: Buffer | undefined;

  constructor(message: string | Buffer) {
    this.payload = typeof message === "string" ? Buffer.from(message) : message;
  }

  /** The whole unmasked WebSocket frame, header and payload, built on first use. */
  get wire(): Buffer {
    if (this.framed === undefined) {
      this.framed = frameOf(this.payload);
      SharedFrame.framings++;
    }
    return this.framed;
  }

  /**
   * The same message compressed once for every permessage-deflate client (`deflateMessage`),
   * built on first use: a tick's frame to 2,000 clients was 2,000 copies of its JSON.
   */
  get deflatedWire(): Buffer {
    if (this.deflated === undefined) {
      this.deflated = frameOf(deflateMessage(this.payload), DEFLATED_FRAME);
      SharedFrame.deflations++;
    }
    return this.deflated;
  }
}

const byPayload = new WeakMap<Buffer, SharedFrame>();

/** The one SharedFrame of `payload`: callers holding the same buffer share its framing. */
export function sharedFrame(payload: Buffer): SharedFrame {
  let frame = byPayload.get(payload);
  if (frame === undefined) {
    frame = new SharedFrame(payload);
    byPayload.set(payload, frame);
  }
  return frame;
}

const corked = new Set<Duplex>();

function uncorkAll(): void {
  const sockets = [...corked];
  corked.clear();
  for (const socket of sockets) socket.uncork();
}

/** Hands what `socket` holds corked to the kernel now, instead of at the end of the turn. */
export function uncorkNow(socket: Duplex): void {
  if (corked.delete(socket)) socket.uncork();
}

/**
 * Corks `socket` until the current event-loop turn ends (once per turn, however many frames).
 * ws's own writes in between (its sends, pings, close frames) queue behind the cork in order,
 * and `end()` flushes early, so nothing is reordered or lost.
 */
export function corkForTurn(socket: Duplex): void {
  if (corked.has(socket)) return;
  if (corked.size === 0) process.nextTick(uncorkAll);
  corked.add(socket);
  socket.cork();
}
