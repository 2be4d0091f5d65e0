/**
 * The read-only hook a dashboard page exposes for the benchmark as `window.__fleetBench`, and
 * the one meter behind it. Our bench page (bench/peers/ours) and both peer pages build their hook
 * with `createBenchMeter`, so received, stored and lost values mean the same on every page.
 * Counters are cumulative since the page loaded.
 */
import type { DataEntry } from "../../src/protocol/messages";

export interface FleetBenchHook {
  /** Metric values parsed off the socket (live and replayed). */
  receivedValues(): number;
  /** Metric values written to the page's storage (ring buffers, arrays). */
  storedValues(): number;
  /**
   * Values the server numbered but the page never got: samples missing from each device's live
   * seq sequence, times the device's metric count. Cumulative, never decreasing.
   */
  lostValues(): number;
  /**
   * Calls `callback` inside the requestAnimationFrame callback that commits new samples to the
   * screen, with the server timestamps (epoch ms) of the samples that frame makes visible.
   * Returns an unsubscribe function.
   */
  onCommit(callback: (sampleTimes: ArrayLike<number>) => void): () => void;
  /** Optional: time from a socket `message` event to its samples being stored (ms), per frame. */
  onIngest?(callback: (socketToStoreMs: number) => void): () => void;
  /** Optional: makes the page subscribe to these devices (or all, with "*") besides its views. */
  watch?(deviceIds: string[] | "*"): void;
}

declare global {
  interface Window {
    __fleetBench?: FleetBenchHook;
  }
}

/** What a page reports to its meter; the meter turns it into a `FleetBenchHook`. */
export interface BenchMeter {
  /**
   * Counts an entry off the socket, and the samples missing before it in its device's seq.
   * Pass `replay` for replayed history (a resume): it fills what the page missed, so it moves the
   * device's cursor without counting a gap.
   */
  received(entry: DataEntry, replay?: boolean): void;
  /** Counts metric values written to the page's storage. */
  stored(values: number): void;
  /** Reports samples made visible; call inside the rAF before the paint that shows them. */
  committed(times: ArrayLike<number>): void;
  /** Reports the socket-to-store time of one socket frame (ms). */
  ingested(ms: number): void;
  /** True when someone listens for commits (skip collecting times otherwise). */
  readonly listening: boolean;
  /** The hook over these counters; `watch` is the page's own (peers watch everything already). */
  hook(watch?: (deviceIds: string[] | "*") => void): FleetBenchHook;
}

/** Metric values an entry carries (samples x metrics present). */
export function valueCount(entry: DataEntry): number {
  let count = 0;
  for (const key in entry.values) count += entry.values[key]?.length ?? 0;
  return count;
}

export function createBenchMeter(): BenchMeter {
  let received = 0;
  let stored = 0;
  let lost = 0;
  const lastSeq = new Map<string, number>();
  const commitListeners = new Set<(times: ArrayLike<number>) => void>();
  const ingestListeners = new Set<(ms: number) => void>();
  const listen = <T>(set: Set<T>, callback: T) => {
    set.add(callback);
    return () => {
      set.delete(callback);
    };
  };
  return {
    received(entry, replay = false) {
      const values = valueCount(entry);
      received += values;
      const samples = entry.t.length;
      if (samples === 0) return;
      const last = lastSeq.get(entry.device);
      if (!replay && last !== undefined && entry.seq > last + 1)
        lost += (entry.seq - last - 1) * (values / samples);
      lastSeq.set(entry.device, Math.max(last ?? 0, entry.seq + samples - 1));
    },
    stored(values) {
      stored += values;
    },
    committed(times) {
      for (const listener of commitListeners) listener(times);
    },
    ingested(ms) {
      for (const listener of ingestListeners) listener(ms);
    },
    get listening() {
      return commitListeners.size > 0;
    },
    hook: (watch) => ({
      receivedValues: () => received,
      storedValues: () => stored,
      lostValues: () => lost,
      onCommit: (callback) => listen(commitListeners, callback),
      onIngest: (callback) => listen(ingestListeners, callback),
      watch: watch ?? (() => {}),
    }),
  };
}
