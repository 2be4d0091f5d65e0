/**
 * The fleet's newest sample per device for clients that asked with `latest`: a dashboard that
 * charts a few devices can still evaluate alerts on all of them. One frame a second, built once
 * and shared by every such client, holding only the devices with a newer sample than the last
 * frame; a client that just asked gets a snapshot of every device first.
 */
import { encodeLatest, LATEST_INTERVAL_MS } from "../../src/protocol/server";
import type { Fleet, FleetDevice } from "./fleet";

export class LatestFeed {
  private readonly sentSeq = new Map<FleetDevice, number>();
  private nextAt = 0;

  constructor(private readonly fleet: Fleet) {}

  /** Every device's newest sample (devices without one are left out), as the reply to `id`. */
  snapshot(id: string, at: number): string {
    const entries: string[] = [];
    for (const device of this.fleet.devices) {
      const seq = device.history.lastSeq;
      if (seq > 0) entries.push(device.encode(seq, seq));
    }
    return encodeLatest(at, entries, id);
  }

  /** The reply to `latest` with `stop`: nothing. */
  stopped(id: string, at: number): string {
    return encodeLatest(at, [], id);
  }

  /**
   * This second's shared frame, or undefined when a second has not passed since the last one or
   * no device has a newer sample. Call on every fleet tick.
   */
  due(at: number): string | undefined {
    if (at < this.nextAt) return undefined;
    this.nextAt = at + LATEST_INTERVAL_MS;
    const entries: string[] = [];
    for (const device of this.fleet.devices) {
      const seq = device.history.lastSeq;
      if (seq > 0 && seq !== this.sentSeq.get(device)) {
        this.sentSeq.set(device, seq);
        entries.push(device.encode(seq, seq));
      }
    }
    return entries.length > 0 ? encodeLatest(at, entries) : undefined;
  }
}
