/**
 * Whether a measured window passes as live (issue 15): the page stored at least 95 % of the
 * values the server produced in the window, lost none, held >= 55 fps, and kept sample-to-screen
 * latency p99 <= 250 ms. The verdict names every criterion that failed, and every one that could
 * not be checked (a page without the hook, a server without the sample counter): an unchecked
 * criterion never passes.
 */
import type { PageWindow } from "./measurePage";
import { round } from "./stats";

export const CRITERIA = {
  /** Stored values / values the server produced, over the window. */
  storedShareMin: 0.95,
  lostMax: 0,
  fpsMin: 55,
  latencyP99MaxMs: 250,
} as const;

export type Criterion = "stored" | "lost" | "fps" | "latency";

export interface Verdict {
  passed: boolean;
  /** Criteria measured and missed. */
  failed: Criterion[];
  /** Criteria that could not be measured. */
  unknown: Criterion[];
  /** "passed", or what failed and what is unknown, in words. */
  text: string;
  /** Values per second the server produced in the window (null: unknown). */
  produced_per_s: number | null;
  /** stored / produced (null: unknown). */
  stored_share: number | null;
}

/**
 * Judges `window`; `valuesPerSample` turns the server's samples into values (null: unknown).
 */
export function judgeWindow(window: PageWindow, valuesPerSample: number | null): Verdict {
  const failed: [Criterion, string][] = [];
  const unknown: [Criterion, string][] = [];
  const { stored_per_s: stored, lost_values: lost } = window.ingest;
  const samples = window.server.samples_per_s;
  const produced =
    samples === null || valuesPerSample === null ? null : Math.round(samples * valuesPerSample);
  const share = produced && stored !== null ? stored / produced : null;
  if (stored === null) unknown.push(["stored", "values stored unknown (no page hook)"]);
  else if (produced === null) unknown.push(["stored", "values produced unknown (no server sample counter)"]);
  // Rounded down, so a share that fails never reads as 95 %.
  else if (share === null || share < CRITERIA.storedShareMin)
    failed.push([
      "stored",
      `stored ${stored} of ${produced} values/s produced (${Math.floor(1000 * (share ?? 0)) / 10} % < ${100 * CRITERIA.storedShareMin} %)`,
    ]);
  if (lost === null) unknown.push(["lost", "lost values unknown (no page hook)"]);
  else if (lost > CRITERIA.lostMax) failed.push(["lost", `${lost} values lost`]);
  const fps = window.frames.fps_median;
  if (fps === null) unknown.push(["fps", "fps unknown (no frames)"]);
  else if (fps < CRITERIA.fpsMin) failed.push(["fps", `fps ${fps} < ${CRITERIA.fpsMin}`]);
  const p99 = window.latency.screen_p99_ms;
  if (p99 === null) unknown.push(["latency", "latency unknown (no page hook)"]);
  else if (p99 > CRITERIA.latencyP99MaxMs)
    failed.push(["latency", `latency p99 ${p99} ms > ${CRITERIA.latencyP99MaxMs} ms`]);
  const passed = failed.length === 0 && unknown.length === 0;
  const text = passed
    ? "passed"
    : [
        ...(failed.length ? [`failed: ${failed.map(([, why]) => why).join("; ")}`] : []),
        ...(unknown.length ? [`unchecked: ${unknown.map(([, why]) => why).join("; ")}`] : []),
      ].join("; ");
  return {
    passed,
    failed: failed.map(([criterion]) => criterion),
    unknown: unknown.map(([criterion]) => criterion),
    text,
    produced_per_s: produced,
    stored_share: share === null ? null : round(share, 3),
  };
}
