/**
 * The benchmark's read-only window into the core, exposed as `window.__fleetBench` only when the
 * page URL carries `?bench` (see bench/lib/benchHook.ts for the contract the harness reads).
 * Without `?bench` nothing here is created and the core's hot path pays one `undefined` check.
 */
import type { DataEntry } from "../protocol/messages";

/** What the core reports to an attached probe. */
export interface IngestProbe {
  /** A socket frame arrived (before parsing). */
  frame(): void;
  /** One data entry was ingested; `added` samples were new to the buffers. */
  entry(entry: DataEntry, added: number, replay: boolean, metricCount: number): void;
  /** Every entry of the frame is stored. */
  stored(): void;
  /** The frame scheduler flushed these devices (inside requestAnimationFrame). */
  flushed(deviceIds: readonly string[]): void;
}

type Listener<T> = (value: T) => void;

/** The hook object itself; `watch` is bound once the dashboard exists. */
export interface BenchHook {
  receivedValues(): number;
  storedValues(): number;
  lostValues(): number;
  onCommit(callback: Listener<ArrayLike<number>>): () => void;
  onIngest(callback: Listener<number>): () => void;
  watch(deviceIds: string[] | "*"): void;
}

function subscribe<T>(set: Set<Listener<T>>, callback: Listener<T>): () => void {
  set.add(callback);
  return () => set.delete(callback);
}

/** Creates the probe and the hook it feeds; `watch` is delegated to `watchDevices`. */
export function createBenchProbe(watchDevices: (ids: string[] | "*") => void): {
  probe: IngestProbe;
  hook: BenchHook;
} {
  let received = 0;
  let stored = 0;
  let lost = 0;
  let frameStart = 0;
  const lastSeq = new Map<string, number>();
  // Sample times waiting for the frame that shows them; bounded by what one hidden spell ingests.
  const pendingTimes = new Map<string, number[]>();
  const commitListeners = new Set<Listener<ArrayLike<number>>>();
  const ingestListeners = new Set<Listener<number>>();

  const probe: IngestProbe = {
    frame() {
      frameStart = performance.now();
    },
    entry(entry, added, replay, metricCount) {
      const samples = entry.t.length;
      received += samples * metricCount;
      stored += added * metricCount;
      // Replays (resume after a card scrolls back into view, or after a reconnect) arrive before
      // the live frames that follow them and fill what the page missed: they move the cursor too,
      // so only samples never delivered at all count as lost.
      const last = lastSeq.get(entry.device);
      if (!replay && last !== undefined && entry.seq > last + 1) lost += (entry.seq - last - 1) * metricCount;
      lastSeq.set(entry.device, Math.max(last ?? 0, entry.seq + samples - 1));
      // Replayed history is minutes old: it would measure the replay, not the live path.
      if (commitListeners.size > 0 && added > 0 && !replay) {
        const times = pendingTimes.get(entry.device) ?? [];
        if (times.length < 100_000) times.push(...entry.t);
        pendingTimes.set(entry.device, times);
      }
    },
    stored() {
      const elapsed = performance.now() - frameStart;
      for (const listener of ingestListeners) listener(elapsed);
    },
    flushed(deviceIds) {
      if (commitListeners.size === 0) return;
      const times: number[] = [];
      for (const id of deviceIds) {
        const pending = pendingTimes.get(id);
        if (pending) times.push(...pending);
        pendingTimes.delete(id);
      }
      if (times.length === 0) return;
      for (const listener of commitListeners) listener(times);
    },
  };

  const hook: BenchHook = {
    receivedValues: () => received,
    storedValues: () => stored,
    lostValues: () => lost,
    onCommit: (callback) => subscribe(commitListeners, callback),
    onIngest: (callback) => subscribe(ingestListeners, callback),
    watch: watchDevices,
  };
  return { probe, hook };
}
