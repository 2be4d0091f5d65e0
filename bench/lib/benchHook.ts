/**
 * The read-only hook a dashboard page exposes for the benchmark as `window.__fleetBench`,
 * only when its URL carries `?bench`. Our SPA and both peer pages implement it, so the harness
 * measures them the same way. Counters are cumulative since the page loaded.
 */
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
