/**
 * What the harness injects into every page (before the app's own scripts) to measure it from
 * inside: frame intervals from a requestAnimationFrame loop, long animation frames, and, through
 * the page's `window.__fleetBench` hook, sample-to-screen latency (a MessageChannel message
 * posted from the committing rAF is delivered after that frame is painted) and ingest counters.
 *
 * `installPageProbe` runs in the page: it must not close over anything in this module.
 */
import type { FleetBenchHook } from "./benchHook";

/** Counters of the page's hook at one moment (null without a hook). */
export interface HookCounters {
  received: number;
  stored: number;
  lost: number;
}

/** What the probe hands back for one measurement window. */
export interface ProbeWindow {
  /** Wall time of the window (ms). */
  elapsedMs: number;
  /** Every rAF-to-rAF interval (ms). */
  frameIntervals: number[];
  /** Long animation frames (> 50 ms) reported by the browser. */
  longAnimationFrames: number;
  /** Latency histograms as [bucket index, count] pairs of 0.5 ms buckets; 60 s and more share the last. */
  screenLatency: [number, number][];
  socketToStore: [number, number][];
  hook: boolean;
  countersStart: HookCounters | null;
  countersEnd: HookCounters | null;
  visibility: DocumentVisibilityState;
}

export interface PageProbe {
  /** Starts a new window: clears the samples, attaches to the hook if it appeared. */
  reset(): void;
  collect(): ProbeWindow;
  hasHook(): boolean;
  counters(): HookCounters | null;
  /** Scrolls the page's main scroll area by `pixelsPerFrame`, bouncing at the ends. */
  startScrolling(pixelsPerFrame: number): string;
  stopScrolling(): void;
  /**
   * Emulates a hidden tab: headless Chromium keeps every page visible, so this reports
   * `document.visibilityState` "hidden", fires `visibilitychange` and holds the page's rAF
   * callbacks (as a browser does for a background tab) until the tab is shown again.
   */
  setHidden(hidden: boolean): void;
}

declare global {
  interface Window {
    __benchProbe?: PageProbe;
  }
}

export function installPageProbe(): void {
  const BUCKET_MS = 0.5;
  const BUCKETS = 120_001;
  let intervals: number[] = [];
  let longFrames = 0;
  let windowStart = performance.now();
  let screen = new Uint32Array(BUCKETS);
  let ingest = new Uint32Array(BUCKETS);
  let attached: FleetBenchHook | undefined;
  let countersStart: HookCounters | null = null;
  let scroller: HTMLElement | null = null;
  let scrollStep = 0;

  const add = (histogram: Uint32Array, ms: number) => {
    const index = Math.min(BUCKETS - 1, Math.max(0, Math.floor(ms / BUCKET_MS)));
    histogram[index] = (histogram[index] ?? 0) + 1;
  };
  const pairs = (histogram: Uint32Array): [number, number][] => {
    const out: [number, number][] = [];
    histogram.forEach((count, index) => {
      if (count > 0) out.push([index, count]);
    });
    return out;
  };

  const nativeRaf = window.requestAnimationFrame.bind(window);
  const nativeCancel = window.cancelAnimationFrame.bind(window);
  let hidden = false;
  let heldId = 1_000_000_000;
  const held = new Map<number, FrameRequestCallback>();
  window.requestAnimationFrame = (callback) => {
    if (!hidden) return nativeRaf(callback);
    heldId++;
    held.set(heldId, callback);
    return heldId;
  };
  window.cancelAnimationFrame = (id) => {
    if (!held.delete(id)) nativeCancel(id);
  };
  for (const key of ["visibilityState", "hidden"] as const) {
    Object.defineProperty(document, key, {
      configurable: true,
      get: () => (key === "hidden" ? hidden : hidden ? "hidden" : "visible"),
    });
  }

  let last = 0;
  const onFrame = (now: number) => {
    if (last > 0) intervals.push(now - last);
    last = now;
    if (scroller && scrollStep !== 0) {
      const before = scroller.scrollTop;
      scroller.scrollTop = before + scrollStep;
      if (scroller.scrollTop === before) scrollStep = -scrollStep;
    }
    nativeRaf(onFrame);
  };
  nativeRaf(onFrame);

  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) if (entry.duration > 50) longFrames++;
    }).observe({ type: "long-animation-frame", buffered: false });
  } catch {
    // Browsers without the Long Animation Frames API report 0.
  }

  const channel = new MessageChannel();
  const pending: ArrayLike<number>[] = [];
  channel.port1.onmessage = () => {
    const now = performance.timeOrigin + performance.now();
    for (const times of pending)
      for (let i = 0; i < times.length; i++) add(screen, now - (times[i] as number));
    pending.length = 0;
  };

  const counters = (): HookCounters | null => {
    const hook = window.__fleetBench;
    return hook
      ? { received: hook.receivedValues(), stored: hook.storedValues(), lost: hook.lostValues() }
      : null;
  };

  const attach = () => {
    const hook = window.__fleetBench;
    if (!hook || attached === hook) return;
    attached = hook;
    hook.onCommit((times) => {
      // Copy: the page may reuse its array after the callback returns.
      pending.push(Array.from(times));
      if (pending.length === 1) channel.port2.postMessage(0);
    });
    hook.onIngest?.((ms) => add(ingest, ms));
  };

  const findScroller = (): HTMLElement | null => {
    let best: HTMLElement | null = null;
    let bestArea = 0;
    for (const element of Array.from(document.querySelectorAll<HTMLElement>("*"))) {
      if (element.scrollHeight <= element.clientHeight + 10) continue;
      const overflow = getComputedStyle(element).overflowY;
      if (overflow !== "auto" && overflow !== "scroll") continue;
      const area = element.clientWidth * element.clientHeight;
      if (area > bestArea) {
        best = element;
        bestArea = area;
      }
    }
    return best ?? (document.scrollingElement as HTMLElement | null);
  };

  window.__benchProbe = {
    reset() {
      attach();
      intervals = [];
      longFrames = 0;
      screen = new Uint32Array(BUCKETS);
      ingest = new Uint32Array(BUCKETS);
      pending.length = 0;
      windowStart = performance.now();
      countersStart = counters();
    },
    collect() {
      return {
        elapsedMs: performance.now() - windowStart,
        frameIntervals: intervals,
        longAnimationFrames: longFrames,
        screenLatency: pairs(screen),
        socketToStore: pairs(ingest),
        hook: attached !== undefined,
        countersStart,
        countersEnd: counters(),
        visibility: document.visibilityState,
      };
    },
    hasHook: () => window.__fleetBench !== undefined,
    counters,
    startScrolling(pixelsPerFrame: number) {
      scroller = findScroller();
      scrollStep = pixelsPerFrame;
      if (!scroller) return "none";
      return `${scroller.tagName.toLowerCase()}${scroller.className ? `.${String(scroller.className).split(" ")[0]}` : ""} (${scroller.scrollHeight}px)`;
    },
    stopScrolling() {
      scrollStep = 0;
    },
    setHidden(next: boolean) {
      if (next === hidden) return;
      hidden = next;
      document.dispatchEvent(new Event("visibilitychange"));
      if (!hidden) {
        const callbacks = [...held.values()];
        held.clear();
        for (const callback of callbacks) nativeRaf(callback);
      }
    },
  };
}

/** Percentile (upper bucket edge, ms) of a [bucket, count] histogram; null when empty. */
export function histogramPercentile(pairs: [number, number][], p: number, bucketMs = 0.5): number | null {
  const total = pairs.reduce((sum, [, count]) => sum + count, 0);
  if (total === 0) return null;
  const target = Math.max(1, Math.ceil((p / 100) * total));
  let seen = 0;
  for (const [index, count] of [...pairs].sort((a, b) => a[0] - b[0])) {
    seen += count;
    if (seen >= target) return (index + 1) * bucketMs;
  }
  return null;
}
