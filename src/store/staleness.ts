/**
 * Decides which devices are stale: online and watched, yet nothing arrived for 3 sample
 * intervals. Arrival times are noted per data entry (a Map write, cheap at any rate); the check
 * runs on a timer and returns only the devices whose flag changes.
 */
import type { DeviceEntry } from "./dashboardTypes";

/** Missing this many sample intervals makes a device stale. */
export const STALE_AFTER_INTERVALS = 3;

export class StalenessTracker {
  private readonly lastArrival = new Map<string, number>();

  /** Data (or an online status) for `deviceId` arrived at `at` (local clock). */
  noteArrival(deviceId: string, at: number): void {
    this.lastArrival.set(deviceId, at);
  }

  /** Starts the clock for devices that just became watched or whose link just came up. */
  startClock(deviceIds: Iterable<string>, at: number): void {
    for (const id of deviceIds) this.lastArrival.set(id, Math.max(this.lastArrival.get(id) ?? 0, at));
  }

  /** Stale flags that differ from the store's, for the given watched devices. */
  changes(
    now: number,
    watched: ReadonlySet<string>,
    devices: Readonly<Record<string, DeviceEntry>>,
  ): Record<string, boolean> {
    const changes: Record<string, boolean> = {};
    for (const [id, entry] of Object.entries(devices)) {
      const rate = entry.info.rate > 0 ? entry.info.rate : 1;
      const last = this.lastArrival.get(id);
      const stale =
        watched.has(id) &&
        entry.online &&
        last !== undefined &&
        now - last > (STALE_AFTER_INTERVALS * 1000) / rate;
      if (stale !== entry.stale) changes[id] = stale;
    }
    return changes;
  }
}
