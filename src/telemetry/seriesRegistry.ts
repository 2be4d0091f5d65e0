/**
 * The ring buffers of the whole fleet, one per device, created when a device's first sample
 * arrives and sized from the longest chart window times the device's rate.
 */
import type { DataEntry, DeviceInfo } from "../protocol/messages";
import { bufferCapacity, SeriesBuffer } from "./ringBuffer";

/** A time step this many sample intervals long breaks the line (the device was offline). */
const BREAK_AFTER_INTERVALS = 3;

export class SeriesRegistry {
  private readonly buffers = new Map<string, SeriesBuffer>();
  private readonly fleet = new Map<string, DeviceInfo>();
  /** When each held buffer's device was first seen unwatched by `releaseUnwatched`. */
  private readonly unwatchedSince = new Map<string, number>();

  /** `windowSeconds`: the longest window a chart can show. */
  constructor(readonly windowSeconds: number) {}

  /** Learns the fleet's metrics and rates; drops buffers whose device changed shape or vanished. */
  setFleet(devices: readonly DeviceInfo[]): void {
    this.fleet.clear();
    for (const info of devices) this.fleet.set(info.id, info);
    for (const [id, buffer] of this.buffers) {
      const info = this.fleet.get(id);
      if (!info || info.metrics.map((m) => m.key).join() !== buffer.metrics.join()) this.buffers.delete(id);
    }
  }

  get(deviceId: string): SeriesBuffer | undefined {
    return this.buffers.get(deviceId);
  }

  /** Device ids that have a buffer. */
  ids(): IterableIterator<string> {
    return this.buffers.keys();
  }

  /** Stores one data entry; returns how many samples were new. Unknown devices are ignored. */
  ingest(entry: DataEntry): number {
    const buffer = this.bufferFor(entry.device);
    if (!buffer || !Array.isArray(entry.t) || typeof entry.seq !== "number") return 0;
    return buffer.ingest(entry.seq, entry.t, entry.values ?? {});
  }

  /** Records a `gap` for a device. */
  addGap(deviceId: string, fromSeq: number, toSeq: number): void {
    this.bufferFor(deviceId)?.addGap(fromSeq, toSeq);
  }

  /** The server restarted: every buffer continues in a new seq numbering. */
  startSession(): void {
    for (const buffer of this.buffers.values()) buffer.startSession();
  }

  /** `resume` cursors for the devices that hold samples of the current session. */
  resumeCursors(deviceIds: Iterable<string>): Record<string, number> {
    const cursors: Record<string, number> = {};
    for (const id of deviceIds) {
      const cursor = this.buffers.get(id)?.resumeCursor ?? 0;
      if (cursor > 0) cursors[id] = cursor;
    }
    return cursors;
  }

  /** Frees a device's buffer (it is no longer watched). */
  release(deviceId: string): void {
    this.buffers.delete(deviceId);
    this.unwatchedSince.delete(deviceId);
  }

  /**
   * Frees the buffers of devices that have not been in `watched` for `graceMs` (called
   * periodically). A buffer holds its device's whole window (~0.5 MB at 10 Hz for 15 minutes),
   * so keeping every device a scrolled overview ever showed grew a wall screen's renderer by
   * ~1 GB in 30 minutes. The grace keeps data across a quick overview -> device -> back, and
   * frees again a buffer that a frame already in flight recreated after its unsubscribe.
   * Returns the released device ids.
   */
  releaseUnwatched(watched: ReadonlySet<string>, now: number, graceMs: number): string[] {
    const released: string[] = [];
    for (const id of this.unwatchedSince.keys()) if (!this.buffers.has(id)) this.unwatchedSince.delete(id);
    for (const id of this.buffers.keys()) {
      if (watched.has(id)) {
        this.unwatchedSince.delete(id);
        continue;
      }
      const since = this.unwatchedSince.get(id);
      if (since === undefined) this.unwatchedSince.set(id, now);
      else if (now - since >= graceMs) released.push(id);
    }
    for (const id of released) this.release(id);
    return released;
  }

  /** Total samples all buffers can hold: the memory bound. */
  get totalCapacity(): number {
    let total = 0;
    for (const buffer of this.buffers.values()) total += buffer.capacity;
    return total;
  }

  private bufferFor(deviceId: string): SeriesBuffer | undefined {
    const existing = this.buffers.get(deviceId);
    if (existing) return existing;
    const info = this.fleet.get(deviceId);
    if (!info) return undefined;
    const rate = info.rate > 0 ? info.rate : 1;
    const buffer = new SeriesBuffer(
      info.metrics.map((m) => m.key),
      bufferCapacity(this.windowSeconds, rate),
      { maxStepMs: (BREAK_AFTER_INTERVALS * 1000) / rate },
    );
    this.buffers.set(deviceId, buffer);
    return buffer;
  }
}
