import { describe, expect, it } from "vitest";
import { testWindow, type WindowFigures } from "../lib/testWindow";
import {
  ceilingNote,
  type FirehoseStep,
  FULL_RATES,
  firehoseFigures,
  judgeStep,
  QUICK_RATES,
  stepRates,
} from "./firehose";

// 3 values per sample; the page stores all the server produces unless told otherwise.
const step = (rate: number, figures: WindowFigures = {}): FirehoseStep =>
  judgeStep(rate, testWindow({ samplesPerS: rate * 2000, stored: rate * 6000, ...figures }), 3);

describe("firehose steps", () => {
  it("climbs to the simulator's maximum rate, so a dashboard that holds 150 Hz is still measured", () => {
    expect(FULL_RATES.slice(0, 10)).toEqual([2, 5, 10, 20, 30, 40, 50, 75, 100, 150]);
    expect(FULL_RATES.at(-1)).toBe(1000);
    expect([...FULL_RATES].sort((a, b) => a - b)).toEqual(FULL_RATES);
  });

  it("reports the highest passing step's stored values/s, not a later collapsed one", () => {
    const steps = [step(10), step(20), step(150, { stored: 35_977 })];
    expect(steps.map((s) => s.passed)).toEqual([true, true, false]);
    expect(firehoseFigures(steps)?.values_per_s).toBe(120_000);
    expect(ceilingNote("uplot", steps, FULL_RATES)).toBe(
      "uplot: ceiling 20 Hz (120000 values/s stored); at 150 Hz failed: stored 35977 of 900000 values/s produced (3.9 % < 95 %)",
    );
  });

  it("does not pass a step whose latency p99 is not live", () => {
    const steps = [step(10), step(30, { latencyP99: 840 })];
    expect(firehoseFigures(steps)?.values_per_s).toBe(60_000);
    expect(steps[1]?.verdict).toBe("failed: latency p99 840 ms > 250 ms");
  });

  it("reports 0 values/s when no step passed, null when a criterion could not be checked", () => {
    expect(firehoseFigures([step(10, { fps: 30 })])?.values_per_s).toBe(0);
    expect(
      firehoseFigures([step(10, { stored: null, lost: null, latencyP99: null })])?.values_per_s,
    ).toBeNull();
    expect(firehoseFigures([])).toBeUndefined();
  });

  it("says when a dashboard held the top step, so its ceiling is above it", () => {
    expect(ceilingNote("ours", [step(500), step(1000)], FULL_RATES)).toBe(
      "ours: ceiling 1000 Hz (6000000 values/s stored); held the top step (1000 Hz), so its ceiling is higher",
    );
    expect(ceilingNote("naive", [], FULL_RATES)).toBe("naive: not measured");
  });
});

describe("firehose rates", () => {
  it("climbs the ladder unless BENCH_FIREHOSE_RATES names the steps", () => {
    expect(stepRates(false, undefined)).toEqual(FULL_RATES);
    expect(stepRates(true, " ")).toEqual(QUICK_RATES);
    expect(stepRates(false, "50, 100")).toEqual([50, 100]);
  });

  it.each(["0", "50,x", "1500", "2.5"])("refuses BENCH_FIREHOSE_RATES=%s", (value) => {
    expect(() => stepRates(false, value)).toThrow(
      `BENCH_FIREHOSE_RATES must be integers from 1 to 1000, got "${value}"`,
    );
  });
});
