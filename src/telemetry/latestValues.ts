/**
 * The newest sample of every device, from the server's once-a-second `latest` frames: enough to
 * evaluate alerts on devices that have no chart (and so no subscription and no ring buffer).
 * One small record per device, replaced in place; never part of a chart's series.
 */
import type { DataEntry } from "../protocol/messages";

export interface LatestSample {
  seq: number;
  /** Epoch ms (server clock). */
  t: number;
  /** Metric key to value. */
  values: Record<string, number>;
  /** `LatestValues.version` when this sample arrived. */
  version: number;
}

export class LatestValues {
  private readonly samples = new Map<string, LatestSample>();
  /** Bumped by every `apply` that changed something. */
  version = 0;

  /** Takes the last sample of each entry; older or repeated samples of a device are ignored. */
  apply(batch: readonly DataEntry[]): void {
    const version = this.version + 1;
    let changed = false;
    for (const entry of batch) {
      const count = Array.isArray(entry.t) ? entry.t.length : 0;
      if (count === 0 || typeof entry.seq !== "number") continue;
      const seq = entry.seq + count - 1;
      const previous = this.samples.get(entry.device);
      if (previous && previous.seq >= seq) continue;
      const values: Record<string, number> = {};
      for (const key in entry.values) {
        const value = entry.values[key]?.[count - 1];
        if (typeof value === "number") values[key] = value;
      }
      this.samples.set(entry.device, { seq, t: entry.t[count - 1] as number, values, version });
      changed = true;
    }
    if (changed) this.version = version;
  }

  get(deviceId: string): LatestSample | undefined {
    return this.samples.get(deviceId);
  }

  /** Devices whose sample arrived after `version`, with it. */
  *changedSince(version: number): IterableIterator<[string, LatestSample]> {
    for (const pair of this.samples) if (pair[1].version > version) yield pair;
  }

  /** The server restarted: seqs start again, so every held sample is from another numbering. */
  clear(): void {
    this.samples.clear();
  }
}
