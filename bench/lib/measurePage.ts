/**
 * Measures one dashboard page for one window: frames and long animation frames (probe),
 * main-thread load (`Performance.getMetrics`), ingest and latency (page hook), memory (forced GC,
 * DOM counters, renderer RSS) and the mock server's CPU, RSS and tick lag.
 */
import { domCounters, heapAfterGcMb, type MeteredPage, performanceMetrics, rendererRssMb } from "./browser";
import { histogramPercentile, type ProbeWindow } from "./pageProbe";
import { CpuMeter, rssMb } from "./procStats";
import { emptyFigures, type SummaryFigures } from "./results";
import { counterDelta, readServerCounters, type ServerProcess, tickLagBetween } from "./serverProcess";
import { median, percentile, round } from "./stats";

export interface PageWindow {
  seconds: number;
  visibility: string;
  frames: {
    count: number;
    fps_median: number | null;
    interval_p50_ms: number | null;
    interval_p95_ms: number | null;
    interval_p99_ms: number | null;
    over_25ms_pct: number | null;
    long_animation_frames: number;
  };
  main_thread: {
    pct: number | null;
    script_pct: number | null;
    layout_pct: number | null;
    style_pct: number | null;
  };
  ingest: {
    hook: boolean;
    received_per_s: number | null;
    stored_per_s: number | null;
    lost_values: number | null;
    /** Values received but not yet stored at the end of the window (a page falling behind). */
    backlog_end: number | null;
  };
  latency: {
    screen_p50_ms: number | null;
    screen_p95_ms: number | null;
    screen_p99_ms: number | null;
    socket_to_store_p99_ms: number | null;
  };
  memory: {
    heap_start_mb: number;
    heap_end_mb: number;
    heap_growth_mb: number;
    dom_start: { nodes: number; jsEventListeners: number };
    dom_end: { nodes: number; jsEventListeners: number };
    renderer_rss_mb: number | null;
  };
  server: {
    cpu_pct: number | null;
    rss_mb: number | null;
    tick_lag_mean_ms: number | null;
    tick_lag_p99_ms: number | null;
    skipped_frames: number | null;
    /** Samples the fleet produced per second over the window (`fleet_samples_total`). */
    samples_per_s: number | null;
  };
}

/** Frames per whole second of the window, from consecutive intervals. */
export function framesPerSecond(intervals: readonly number[]): number[] {
  const counts: number[] = [];
  let elapsed = 0;
  let frames = 0;
  for (const interval of intervals) {
    elapsed += interval;
    frames++;
    while (elapsed >= 1000) {
      counts.push(frames);
      frames = 0;
      elapsed -= 1000;
    }
  }
  return counts;
}

const SECONDS = (m: Map<string, number>, k: string) => m.get(k) ?? 0;

/** Share (percent) of `part` in `whole`, or null when whole is 0. */
function share(part: number, whole: number): number | null {
  return whole > 0 ? round((100 * part) / whole) : null;
}

/**
 * Measures `page` for `ms`. `during` runs meanwhile (e.g. heap sampling or hiding the tab) and
 * the window lasts until both it and `ms` are done.
 */
export async function measureWindow(
  metered: MeteredPage,
  server: ServerProcess,
  ms: number,
  during?: () => Promise<void>,
): Promise<PageWindow> {
  const { page, cdp, browserCdp } = metered;
  const heapStart = await heapAfterGcMb(cdp);
  const domStart = await domCounters(cdp);
  const serverBefore = await readServerCounters(server.url);
  const serverFrom = performance.now();
  const cpu = new CpuMeter(server.pid);
  await page.evaluate(() => window.__benchProbe?.reset());
  const metricsStart = await performanceMetrics(cdp);
  cpu.start();
  await Promise.all([new Promise((done) => setTimeout(done, ms)), during?.()]);
  const metricsEnd = await performanceMetrics(cdp);
  const probe = (await page.evaluate(() => window.__benchProbe?.collect())) as ProbeWindow | undefined;
  const serverCpu = cpu.read();
  const serverRss = rssMb(server.pid);
  const serverAfter = await readServerCounters(server.url);
  const serverSeconds = (performance.now() - serverFrom) / 1000;
  const samples = counterDelta(serverBefore.samples, serverAfter.samples);
  const rendererRss = await rendererRssMb(browserCdp);
  const heapEnd = await heapAfterGcMb(cdp);
  const domEnd = await domCounters(cdp);
  if (!probe) throw new Error("the page probe is missing: was the page reloaded without it?");

  const seconds = probe.elapsedMs / 1000;
  const wall = SECONDS(metricsEnd, "Timestamp") - SECONDS(metricsStart, "Timestamp") || seconds;
  const delta = (key: string) => SECONDS(metricsEnd, key) - SECONDS(metricsStart, key);
  const task = delta("TaskDuration");
  const intervals = probe.frameIntervals;
  const over25 = intervals.filter((i) => i > 25).length;
  const start = probe.countersStart;
  const end = probe.countersEnd;
  const lag = tickLagBetween(serverBefore, serverAfter);
  return {
    seconds: round(seconds, 2) ?? 0,
    visibility: probe.visibility,
    frames: {
      count: intervals.length,
      fps_median: median(framesPerSecond(intervals)),
      interval_p50_ms: round(percentile(intervals, 50)),
      interval_p95_ms: round(percentile(intervals, 95)),
      interval_p99_ms: round(percentile(intervals, 99)),
      over_25ms_pct: intervals.length ? round((100 * over25) / intervals.length, 2) : null,
      long_animation_frames: probe.longAnimationFrames,
    },
    main_thread: {
      pct: share(task, wall),
      script_pct: share(delta("ScriptDuration"), task),
      layout_pct: share(delta("LayoutDuration"), task),
      style_pct: share(delta("RecalcStyleDuration"), task),
    },
    ingest: {
      hook: probe.hook,
      received_per_s: start && end ? Math.round((end.received - start.received) / seconds) : null,
      stored_per_s: start && end ? Math.round((end.stored - start.stored) / seconds) : null,
      lost_values: start && end ? end.lost - start.lost : null,
      backlog_end: end ? end.received - end.stored : null,
    },
    latency: {
      screen_p50_ms: histogramPercentile(probe.screenLatency, 50),
      screen_p95_ms: histogramPercentile(probe.screenLatency, 95),
      screen_p99_ms: histogramPercentile(probe.screenLatency, 99),
      socket_to_store_p99_ms: histogramPercentile(probe.socketToStore, 99),
    },
    memory: {
      heap_start_mb: round(heapStart, 2) ?? 0,
      heap_end_mb: round(heapEnd, 2) ?? 0,
      heap_growth_mb: round(heapEnd - heapStart, 2) ?? 0,
      dom_start: { nodes: domStart.nodes, jsEventListeners: domStart.jsEventListeners },
      dom_end: { nodes: domEnd.nodes, jsEventListeners: domEnd.jsEventListeners },
      renderer_rss_mb: round(rendererRss),
    },
    server: {
      cpu_pct: round(serverCpu),
      rss_mb: round(serverRss),
      tick_lag_mean_ms: round(lag.mean_ms, 2),
      tick_lag_p99_ms: round(lag.p99_ms),
      skipped_frames: counterDelta(serverBefore.skippedFrames, serverAfter.skippedFrames),
      samples_per_s: samples === null ? null : Math.round(samples / serverSeconds),
    },
  };
}

/** The summary row of one window. */
export function toFigures(window: PageWindow): SummaryFigures {
  return {
    ...emptyFigures(),
    fps_median: window.frames.fps_median,
    frame_p99_ms: window.frames.interval_p99_ms,
    main_thread_pct: window.main_thread.pct,
    values_per_s: window.ingest.stored_per_s ?? window.ingest.received_per_s,
    lost_values: window.ingest.lost_values,
    latency_p50_ms: window.latency.screen_p50_ms,
    latency_p99_ms: window.latency.screen_p99_ms,
    heap_growth_mb: window.memory.heap_growth_mb,
  };
}
