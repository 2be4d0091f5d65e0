/**
 * The peers' side of `window.__fleetBench` (see bench/lib/benchHook.ts): counters of received,
 * stored and lost values, commit callbacks and ingest timings. Installed only with `?bench`.
 */
import type { DataEntry } from "../../../src/protocol/messages";
import type { FleetBenchHook } from "../../lib/benchHook";

export interface PeerMeter {
  /** Counts an entry off the socket, and the samples missing before it in its device's seq. */
  received(entry: DataEntry): void;
  stored(values: number): void;
  /** Reports samples made visible; call inside the rAF before the paint that shows them. */
  committed(times: ArrayLike<number>): void;
  ingested(ms: number): void;
  /** True when someone listens for commits (skip collecting times otherwise). */
  readonly listening: boolean;
}

function valueCount(entry: DataEntry): number {
  let count = 0;
  for (const key in entry.values) count += entry.values[key]?.length ?? 0;
  return count;
}

export function createPeerMeter(): PeerMeter {
  let received = 0;
  let stored = 0;
  let missing = 0;
  const lastSeq = new Map<string, number>();
  const commitListeners = new Set<(times: ArrayLike<number>) => void>();
  const ingestListeners = new Set<(ms: number) => void>();
  const meter: PeerMeter = {
    received(entry) {
      const values = valueCount(entry);
      received += values;
      const samples = entry.t.length;
      const last = lastSeq.get(entry.device);
      if (last !== undefined && entry.seq > last + 1 && samples > 0) {
        missing += (entry.seq - last - 1) * (values / samples);
      }
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
  };
  if (new URLSearchParams(location.search).has("bench")) {
    const hook: FleetBenchHook = {
      receivedValues: () => received,
      storedValues: () => stored,
      lostValues: () => missing,
      onCommit(callback) {
        commitListeners.add(callback);
        return () => commitListeners.delete(callback);
      },
      onIngest(callback) {
        ingestListeners.add(callback);
        return () => ingestListeners.delete(callback);
      },
      // Peers subscribe to every device already.
      watch() {},
    };
    window.__fleetBench = hook;
  }
  return meter;
}
