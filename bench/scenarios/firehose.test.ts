import { describe, expect, it } from "vitest";
import type { PageWindow } from "../lib/measurePage";
import { type FirehoseStep, firehoseFigures, judgeStep } from "./firehose";

function window(fps: number, lost: number | null, stored: number | null): PageWindow {
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
    ingest: {
      hook: lost !== null,
      received_per_s: stored,
      stored_per_s: stored,
      lost_values: lost,
      backlog_end: 0,
    },
    latency: { screen_p50_ms: 30, screen_p95_ms: 60, screen_p99_ms: 80, socket_to_store_p99_ms: 2 },
    memory: {
      heap_start_mb: 10,
      heap_end_mb: 11,
      heap_growth_mb: 1,
      dom_start: { nodes: 100, jsEventListeners: 10 },
      dom_end: { nodes: 100, jsEventListeners: 10 },
      renderer_rss_mb: 200,
    },
    server: { cpu_pct: 50, rss_mb: 100, tick_lag_mean_ms: 1, tick_lag_p99_ms: 5, skipped_frames: 0 },
  };
}

function step(rate: number, w: PageWindow): FirehoseStep {
  return { rate_hz: rate, ...judgeStep(w), window: w };
}

describe("firehose judging", () => {
  it("passes only with zero loss and at least 50 fps", () => {
    expect(judgeStep(window(60, 0, 1000))).toEqual({ passed: true, fps_ok: true, verdict: "ok" });
    expect(judgeStep(window(49, 0, 1000))).toEqual({ passed: false, fps_ok: false, verdict: "fps 49 < 50" });
    expect(judgeStep(window(60, 12, 1000)).verdict).toBe("12 values lost");
    expect(judgeStep(window(60, null, null)).verdict).toBe("lost values unknown (no page hook)");
  });

  it("reports the highest passing step's values/s", () => {
    const steps = [
      step(10, window(60, 0, 60_000)),
      step(20, window(58, 0, 120_000)),
      step(30, window(40, 0, 150_000)),
    ];
    expect(firehoseFigures(steps)?.values_per_s).toBe(120_000);
  });

  it("reports 0 values/s when no step held, null when loss could not be checked", () => {
    expect(firehoseFigures([step(10, window(30, 0, 60_000))])?.values_per_s).toBe(0);
    expect(firehoseFigures([step(10, window(60, null, null))])?.values_per_s).toBeNull();
    const unverified = firehoseFigures([step(10, window(60, null, null)), step(20, window(55, null, null))]);
    expect(unverified?.fps_median).toBe(55);
    expect(firehoseFigures([])).toBeUndefined();
  });
});
