/**
 * `firehose`: every device subscribed, 2,000 devices, the device view open; the per-device rate
 * steps up until a step loses values or drops below 50 fps. Reports the highest passing step.
 */
import type { PageWindow } from "../lib/measurePage";
import type { SummaryFigures, Target } from "../lib/results";
import { round } from "../lib/stats";
import type { Scenario } from "./context";
import { noteHook, record, targetsFor, warmAndMeasure, withBrowser, withTarget } from "./pageScenario";

const DEVICES = 2000;
const FPS_FLOOR = 50;

export interface FirehoseStep {
  rate_hz: number;
  passed: boolean;
  /** fps held at or above the floor (stepping goes on while true, even with loss unknown). */
  fps_ok: boolean;
  /** Why the step failed, or what could not be checked. */
  verdict: string;
  window: PageWindow;
}

/** A step passes with zero lost values and fps >= 50; without a hook, loss is unknown. */
export function judgeStep(window: PageWindow): { passed: boolean; fps_ok: boolean; verdict: string } {
  const fps = window.frames.fps_median ?? 0;
  const lost = window.ingest.lost_values;
  if (fps < FPS_FLOOR) return { passed: false, fps_ok: false, verdict: `fps ${fps} < ${FPS_FLOOR}` };
  if (lost === null) return { passed: false, fps_ok: true, verdict: "lost values unknown (no page hook)" };
  if (lost > 0) return { passed: false, fps_ok: true, verdict: `${lost} values lost` };
  return { passed: true, fps_ok: true, verdict: "ok" };
}

/**
 * The summary row: the highest passing step, else the highest step that held the fps floor
 * (loss unverified), else the first step measured.
 */
export function firehoseFigures(steps: FirehoseStep[]): SummaryFigures | undefined {
  const best = steps.filter((s) => s.passed).pop() ?? steps.filter((s) => s.fps_ok).pop() ?? steps[0];
  if (!best) return undefined;
  const w = best.window;
  return {
    fps_median: w.frames.fps_median,
    frame_p99_ms: w.frames.interval_p99_ms,
    main_thread_pct: w.main_thread.pct,
    // Unverified (no hook) is null, a measured failure is 0 values/s at zero loss and 50 fps.
    values_per_s: best.passed ? (w.ingest.stored_per_s ?? w.ingest.received_per_s) : best.fps_ok ? null : 0,
    lost_values: w.ingest.lost_values,
    latency_p50_ms: w.latency.screen_p50_ms,
    latency_p99_ms: w.latency.screen_p99_ms,
    heap_growth_mb: round(w.memory.heap_growth_mb, 2),
  };
}

export const runFirehose: Scenario = async (context) => {
  const quick = context.options.quick;
  // Past 50 Hz (the fleet) so a dashboard that holds it still shows where it breaks.
  const rates = quick ? [10, 50] : [2, 5, 10, 20, 30, 40, 50, 75, 100, 150];
  const notes: string[] = [];
  const steps: Partial<Record<Target, FirehoseStep[]>> = {};
  const summary: Partial<Record<Target, SummaryFigures>> = {};
  await withBrowser(async (browser) => {
    for (const target of targetsFor(context, DEVICES, notes)) {
      const done: FirehoseStep[] = [];
      steps[target] = done;
      for (const rate of rates) {
        context.log(`firehose: ${target} at ${DEVICES} devices x ${rate} Hz`);
        const spec = {
          name: "firehose" as const,
          // A fresh server holds only seconds of history anyway; the cap bounds its memory at 150 Hz.
          fleet: { devices: DEVICES, rate, extraFlags: ["--max-subscriptions", "10000", "--history", "60"] },
          hash: "#/devices/thermo-001?window=15m",
          watchAll: true,
          warmupMs: quick ? 1500 : 5000,
          measureMs: quick ? 4000 : 20_000,
        };
        const trace = context.options.trace ? `firehose-${target}-${rate}hz` : undefined;
        const window = await withTarget(browser, target, spec, notes, (open) =>
          warmAndMeasure(open, spec, trace),
        );
        noteHook(target, window, notes);
        if (!window) break;
        const step = { rate_hz: rate, ...judgeStep(window), window };
        done.push(step);
        if (!step.passed && !(step.fps_ok && window.ingest.lost_values === null)) break;
      }
      const figures = firehoseFigures(done);
      if (figures) summary[target] = figures;
      const best = done.filter((s) => s.passed).pop();
      const fpsOnly = done.filter((s) => s.fps_ok).pop();
      if (best)
        notes.push(`${target}: highest passing rate ${best.rate_hz} Hz (${figures?.values_per_s} values/s)`);
      else if (fpsOnly)
        notes.push(`${target}: fps held >= ${FPS_FLOOR} up to ${fpsOnly.rate_hz} Hz; loss unverified`);
      else notes.push(`${target}: no step passed (${done[0]?.verdict ?? "not measured"})`);
    }
  });
  return record(
    "firehose",
    context,
    summary,
    { devices: DEVICES, rates, fps_floor: FPS_FLOOR, steps },
    notes,
  );
};
