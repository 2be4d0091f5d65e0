/** A measured page window for verdict and summary tests, every figure overridable. */
import type { PageWindow } from "./measurePage";

export interface WindowFigures {
  fps?: number | null;
  lost?: number | null;
  stored?: number | null;
  latencyP99?: number | null;
  samplesPerS?: number | null;
}

export function testWindow({
  fps = 60,
  lost = 0,
  stored = 60_000,
  latencyP99 = 80,
  samplesPerS = 20_000,
}: WindowFigures = {}): PageWindow {
  const hook = stored !== null;
  return {
    seconds: 5,
    visibility: "visible",
    frames: {
      count: 300,
      fps_median: fps,
      interval_p50_ms: 16.7,
      interval_p95_ms: 17,
      interval_p99_ms: 20,
      over_25ms_pct: 0,
      long_animation_frames: 0,
    },
    main_thread: { pct: 40, script_pct: 70, layout_pct: 5, style_pct: 5 },
    ingest: { hook, received_per_s: stored, stored_per_s: stored, lost_values: lost, backlog_end: 0 },
    latency: { screen_p50_ms: 30, screen_p95_ms: 60, screen_p99_ms: latencyP99, socket_to_store_p99_ms: 2 },
    memory: {
      heap_start_mb: 10,
      heap_end_mb: 11,
      heap_growth_mb: 1,
      dom_start: { nodes: 100, jsEventListeners: 10 },
      dom_end: { nodes: 100, jsEventListeners: 10 },
      renderer_rss_mb: 200,
    },
    server: {
      cpu_pct: 50,
      rss_mb: 100,
      tick_lag_mean_ms: 1,
      tick_lag_p99_ms: 5,
      skipped_frames: 0,
      samples_per_s: samplesPerS,
    },
  };
}
