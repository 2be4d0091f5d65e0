/**
 * Coalesces "this series changed" notifications into at most one store update per animation frame.
 *
 * Ingest marks keys dirty as messages arrive (a Set: marking twice costs nothing, and the set
 * can never hold more keys than there are series, so a hidden tab - where requestAnimationFrame
 * stops - queues nothing without bound). On the next frame the scheduler calls `flush` once with
 * the dirty keys. If flushing costs more than the frame budget (measured up to the end of the
 * microtasks the flush queued, which is where React renders external-store updates), later
 * frames flush only as many keys as fit, oldest-dirty first: a round-robin that keeps every
 * chart moving and the page responsive under any data rate.
 */

export type RequestFrame = (callback: (time: number) => void) => number;
export type CancelFrame = (handle: number) => void;

export interface FrameSchedulerOptions {
  /** Called at most once per frame with the keys to publish (never empty). */
  flush: (keys: readonly string[]) => void;
  /** Default: globalThis.requestAnimationFrame, else a 16 ms timer. */
  raf?: RequestFrame;
  cancelRaf?: CancelFrame;
  /** Clock for measuring flush cost (ms). Default: performance.now. */
  now?: () => number;
  /**
   * Work allowed per frame (ms). Default 12 of a 16.7 ms frame: with 8, the firehose's 2,000
   * devices at 40 Hz were flushed round-robin over so many frames that sample-to-screen p99 read
   * 271.5 ms (failed); with 12, 215 ms (passed), the ceiling rose from 30 to 40 Hz (uPlot's), and
   * the `device` scenario's main thread stayed at uPlot's (9.2 vs 8.7 %; docs/PERFORMANCE.md).
   */
  budgetMs?: number;
}

export interface FrameScheduler {
  /** Notes that `key` changed; a frame is requested if none is. */
  markDirty(key: string): void;
  /** Keys waiting for a frame. */
  readonly pendingCount: number;
  /** Most keys flushed per frame at the current measured cost (Infinity until measured over budget). */
  readonly maxPerFrame: number;
  /** Cancels the pending frame and forgets dirty keys. */
  dispose(): void;
}

function defaultRaf(): { raf: RequestFrame; cancel: CancelFrame } {
  const g = globalThis as { requestAnimationFrame?: RequestFrame; cancelAnimationFrame?: CancelFrame };
  if (g.requestAnimationFrame && g.cancelAnimationFrame) {
    return { raf: g.requestAnimationFrame.bind(globalThis), cancel: g.cancelAnimationFrame.bind(globalThis) };
  }
  return {
    raf: (callback) => setTimeout(() => callback(performance.now()), 16) as unknown as number,
    cancel: (handle) => clearTimeout(handle),
  };
}

/** Creates a frame scheduler; see the module comment. */
export function createFrameScheduler(options: FrameSchedulerOptions): FrameScheduler {
  const fallback = options.raf ? undefined : defaultRaf();
  const raf = options.raf ?? (fallback as { raf: RequestFrame }).raf;
  const cancelRaf = options.cancelRaf ?? fallback?.cancel ?? (() => {});
  const now = options.now ?? (() => performance.now());
  const budgetMs = options.budgetMs ?? 12;
  const dirty = new Set<string>();
  let handle: number | undefined;
  let costPerKey = 0;
  let disposed = false;

  const limit = () =>
    costPerKey > 0 ? Math.max(1, Math.floor(budgetMs / costPerKey)) : Number.POSITIVE_INFINITY;

  const request = () => {
    if (handle === undefined && !disposed) handle = raf(onFrame);
  };

  function onFrame(): void {
    handle = undefined;
    if (disposed || dirty.size === 0) return;
    const max = limit();
    const keys: string[] = [];
    for (const key of dirty) {
      if (keys.length >= max) break;
      keys.push(key);
    }
    for (const key of keys) dirty.delete(key);
    const started = now();
    options.flush(keys);
    queueMicrotask(() => {
      const perKey = (now() - started) / keys.length;
      // Smoothed so one slow frame (a GC pause) does not throttle for long.
      costPerKey = costPerKey === 0 ? perKey : costPerKey * 0.7 + perKey * 0.3;
    });
    if (dirty.size > 0) request();
  }

  return {
    markDirty(key) {
      dirty.add(key);
      request();
    },
    get pendingCount() {
      return dirty.size;
    },
    get maxPerFrame() {
      return limit();
    },
    dispose() {
      disposed = true;
      dirty.clear();
      if (handle !== undefined) cancelRaf(handle);
      handle = undefined;
    },
  };
}
