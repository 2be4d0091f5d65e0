/**
 * What one connection is subscribed to, and how far behind live it is. Normally a session is
 * live: each tick it gets the shared frame of its subscription set. When it must replay
 * (`history`, `resume`) or could not take live frames (over the buffer cap), each device gets a
 * cursor, the last seq the client has; `pump` sends replay frames from history after the cursors,
 * or `gap` for what is gone, until every cursor reaches live again. Live frames are held back
 * while any cursor is pending, so each device's seqs arrive in order with no duplicates.
 */
import { encodeDataFrame, encodeGap } from "../../src/protocol/server";
import { type SharedFrame, sharedFrame } from "./fanout";
import type { Fleet, FleetDevice } from "./fleet";
import type { Outbox } from "./outbox";

/** Most samples in one replay frame, to keep frames well under clients' comfort size. */
const REPLAY_FRAME_SAMPLES = 4096;

/** The devices one connection follows, and its replay cursors. */
export class SubscriptionSet {
  private readonly devices = new Set<FleetDevice>();
  /** Subscribed devices in fleet order (the order entries appear in frames). */
  private list: FleetDevice[] = [];
  /** Identifies the set for the fleet's per-tick frame cache. */
  private key = "";
  private readonly cursors = new Map<FleetDevice, number>();

  constructor(private readonly fleet: Fleet) {}

  get size(): number {
    return this.devices.size;
  }

  has(device: FleetDevice): boolean {
    return this.devices.has(device);
  }

  /** True while some device is still being replayed or caught up. */
  get behind(): boolean {
    return this.cursors.size > 0;
  }

  add(devices: readonly FleetDevice[]): void {
    for (const device of devices) this.devices.add(device);
    this.reindex();
  }

  remove(devices: readonly FleetDevice[]): void {
    for (const device of devices) {
      this.devices.delete(device);
      this.cursors.delete(device);
    }
    this.reindex();
  }

  private reindex(): void {
    this.list = [...this.devices].sort((a, b) => a.index - b.index);
    this.key = this.list.length === this.fleet.devices.length ? "*" : this.list.map((d) => d.id).join(",");
  }

  /** Asks for a replay of `device` after `seq` (keeps the earlier cursor if one is pending). */
  replayAfter(device: FleetDevice, seq: number): void {
    if (seq >= device.history.lastSeq) return;
    const pending = this.cursors.get(device);
    this.cursors.set(device, pending === undefined ? seq : Math.min(pending, seq));
  }

  /**
   * This tick's live frame for the set, or null when there is nothing new: encoded once per
   * distinct set and tick (`Fleet.frameFor`), and framed once for every session that sends it.
   */
  liveFrame(): SharedFrame | null {
    const payload = this.list.length ? this.fleet.frameFor(this.key, this.list) : null;
    return payload && sharedFrame(payload);
  }

  /**
   * Falls behind on purpose: this tick's live frame is not sent, so every device continues
   * from the seq it had before the tick.
   */
  fallBehind(): void {
    for (const device of this.list) {
      if (!this.cursors.has(device) && device.history.lastSeq > device.seqBeforeTick) {
        this.cursors.set(device, device.seqBeforeTick);
      }
    }
  }

  /**
   * Sends replay frames until every cursor is live or `outbox` holds more than `maxBuffered`
   * bytes. Returns true when caught up.
   */
  pump(outbox: Outbox, maxBuffered: number): boolean {
    let parts: string[] = [];
    let samples = 0;
    const flush = (): void => {
      if (parts.length) outbox.send(encodeDataFrame(parts, true));
      parts = [];
      samples = 0;
    };
    for (const [device, cursor] of this.cursors) {
      let after = cursor;
      const { history } = device;
      while (after < history.lastSeq) {
        if (outbox.exceeds(maxBuffered)) {
          this.cursors.set(device, after);
          flush();
          return false;
        }
        if (after + 1 < history.firstSeq) {
          outbox.send(encodeGap(device.quotedId, after + 1, history.firstSeq - 1));
          after = history.firstSeq - 1;
          continue;
        }
        const to = Math.min(history.lastSeq, after + REPLAY_FRAME_SAMPLES - samples);
        parts.push(device.encode(after + 1, to));
        samples += to - after;
        after = to;
        if (samples >= REPLAY_FRAME_SAMPLES) flush();
      }
      this.cursors.delete(device);
    }
    flush();
    return true;
  }
}
