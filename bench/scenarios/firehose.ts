/**
 * `firehose`: every device subscribed, 2,000 devices, the device view open; the per-device rate
 * steps up, each dashboard until a step fails, so each one's ceiling is measured rather than
 * capped by the ladder. A step passes only as bench/lib/verdict.ts says (>= 95 % of the values
 * the server produced stored, none lost, >= 55 fps, latency p99 <= 250 ms); its verdict names
 * what failed. Reports the highest passing step.
 */
import { readValuesPerSample } from "../lib/fleetShape";
import type { PageWindow } from "../lib/measurePage";
import type { SummaryFigures, Target } from "../lib/results";
import { round } from "../lib/stats";
import { CRITERIA, judgeWindow, type Verdict } from "../lib/verdict";
import type { Scenario } from "./context";
import { noteHook, record, targetsFor, warmAndMeasure, withBrowser, withTarget } from "./pageScenario";

const DEVICES = 2000;
/** Rates of the full run, Hz, up to the simulator's maximum (`--rate` 1000). */
export const FULL_RATES = [2, 5, 10, 20, 30, 40, 50, 75, 100, 150, 200, 300, 400, 600, 800, 1000];
export const QUICK_RATES = [10, 50];

/**
 * Rates of the run: `BENCH_FIREHOSE_RATES` (comma-separated Hz) when set, so one step can be
 * profiled without climbing the ladder to it.
 */
export function stepRates(quick: boolean, env: string | undefined): number[] {
  if (env === undefined || env.trim() === "") return quick ? QUICK_RATES : FULL_RATES;
  const rates = env.split(",").map((part) => Number(part.trim()));
  if (rates.some((rate) => !Number.isInteger(rate) || rate < 1 || rate > 1000))
    throw new Error(`BENCH_FIREHOSE_RATES must be integers from 1 to 1000, got "${env}"`);
  return rates;
}
/**
 * Warm-up before each window: long enough that a fresh 2,000-device page has loaded, subscribed
 * and caught up (with 1.5 s, ours' quick 10 Hz step measured its own catching up).
 */
export const WARMUP_MS = { quick: 8000, full: 8000 };
export const MEASURE_MS = { quick: 5000, full: 20_000 };

export interface FirehoseStep extends Omit<Verdict, "text"> {
  rate_hz: number;
  verdict: string;
  window: PageWindow;
}

/** The step's verdict on `window`. */
export function judgeStep(rate: number, window: PageWindow, valuesPerSample: number | null): FirehoseStep {
  const { text, ...verdict } = judgeWindow(window, valuesPerSample);
  return { rate_hz: rate, ...verdict, verdict: text, window };
}

/**
 * The summary row: the highest passing step (values/s = what it stored); with none passed, the
 * first step measured, at 0 values/s when a criterion failed and null when one was unchecked.
 */
export function firehoseFigures(steps: FirehoseStep[]): SummaryFigures | undefined {
  const best = steps.filter((s) => s.passed).pop() ?? steps[0];
  if (!best) return undefined;
  const w = best.window;
  return {
    fps_median: w.frames.fps_median,
    frame_p99_ms: w.frames.interval_p99_ms,
    main_thread_pct: w.main_thread.pct,
    values_per_s: best.passed ? w.ingest.stored_per_s : best.failed.length > 0 ? 0 : null,
    lost_values: w.ingest.lost_values,
    latency_p50_ms: w.latency.screen_p50_ms,
    latency_p99_ms: w.latency.screen_p99_ms,
    heap_growth_mb: round(w.memory.heap_growth_mb, 2),
  };
}

/** What a dashboard's steps show: its ceiling and why the next step failed. */
export function ceilingNote(target: Target, steps: FirehoseStep[], rates: readonly number[]): string {
  const best = steps.filter((s) => s.passed).pop();
  const last = steps.at(-1);
  const ceiling = best
    ? `ceiling ${best.rate_hz} Hz (${best.window.ingest.stored_per_s} values/s stored)`
    : "no step passed";
  if (!last) return `${target}: not measured`;
  if (last.passed)
    return `${target}: ${ceiling}; held the top step (${rates.at(-1)} Hz), so its ceiling is higher`;
  return `${target}: ${ceiling}; at ${last.rate_hz} Hz ${last.verdict}`;
}

export const runFirehose: Scenario = async (context) => {
  const quick = context.options.quick;
  const rates = stepRates(quick, process.env.BENCH_FIREHOSE_RATES);
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
          // A fresh server holds only seconds of history anyway; the cap bounds its memory at high rates.
          fleet: { devices: DEVICES, rate, extraFlags: ["--max-subscriptions", "10000", "--history", "60"] },
          hash: "#/devices/thermo-001?window=15m",
          watchAll: true,
          warmupMs: quick ? WARMUP_MS.quick : WARMUP_MS.full,
          measureMs: quick ? MEASURE_MS.quick : MEASURE_MS.full,
        };
        const trace = context.options.trace ? `firehose-${target}-${rate}hz` : undefined;
        const measured = await withTarget(browser, target, spec, notes, async (open) => {
          const perSample = await readValuesPerSample(open.server.wsUrl).catch(() => null);
          return { perSample, window: await warmAndMeasure(open, spec, trace) };
        });
        noteHook(target, measured?.window ?? null, notes);
        if (!measured) break;
        const step = judgeStep(rate, measured.window, measured.perSample);
        done.push(step);
        notes.push(`${target} ${rate} Hz: ${step.verdict}`);
        if (!step.passed) break;
      }
      const figures = firehoseFigures(done);
      if (figures) summary[target] = figures;
      notes.push(ceilingNote(target, done, rates));
    }
  });
  return record("firehose", context, summary, { devices: DEVICES, rates, criteria: CRITERIA, steps }, notes);
};
