import { describe, expect, it } from "vitest";
import { CLOCK_MS, chartRedrawDue } from "./useChartTick";

describe("chartRedrawDue", () => {
  it("redraws at the first poll after new samples", () => {
    expect(chartRedrawDue(true, 1, 200)).toBe(true);
  });

  it("without new samples, redraws once the clock period has passed, not before", () => {
    const polls = CLOCK_MS / 200;
    expect(chartRedrawDue(false, polls - 1, 200)).toBe(false);
    expect(chartRedrawDue(false, polls, 200)).toBe(true);
  });

  it("polled once a second, redraws at every poll, samples or not", () => {
    expect(chartRedrawDue(false, 1, CLOCK_MS)).toBe(true);
    expect(chartRedrawDue(true, 1, CLOCK_MS)).toBe(true);
  });
});
