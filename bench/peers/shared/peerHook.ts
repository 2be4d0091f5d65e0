/**
 * The peers' meter (see bench/lib/benchHook.ts): counters of received, stored and lost values,
 * commit callbacks and ingest timings, exposed as `window.__fleetBench` only with `?bench`.
 */
import { type BenchMeter, createBenchMeter } from "../../lib/benchHook";

export type PeerMeter = Omit<BenchMeter, "hook">;

export function createPeerMeter(): PeerMeter {
  const meter = createBenchMeter();
  // Peers subscribe to every device already: their hook's watch() does nothing.
  if (new URLSearchParams(location.search).has("bench")) window.__fleetBench = meter.hook();
  return meter;
}
