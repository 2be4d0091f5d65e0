import { describe, expect, it } from "vitest";
import { LatencyHistogram, median, percentile, round, slope } from "./stats";

describe("percentile", () => {
  it("uses nearest rank on unsorted input", () => {
    const values = [5, 1, 4, 2, 3, 10, 9, 8, 7, 6];
    expect(percentile(values, 50)).toBe(5);
    expect(percentile(values, 90)).toBe(9);
    expect(percentile(values, 99)).toBe(10);
    expect(percentile(values, 0)).toBe(1);
    expect(median([3, 1, 2])).toBe(2);
  });

  it("is null for no samples", () => {
    expect(percentile([], 50)).toBeNull();
  });
});

describe("slope", () => {
  it("fits a straight line", () => {
    expect(slope([0, 1, 2, 3], [1, 3, 5, 7])).toBeCloseTo(2, 10);
    expect(slope([1], [1])).toBeNull();
    expect(slope([2, 2], [1, 5])).toBeNull();
  });
});

describe("LatencyHistogram", () => {
  it("answers percentiles within one bucket", () => {
    const histogram = new LatencyHistogram(1000);
    for (let ms = 1; ms <= 100; ms++) histogram.add(ms);
    expect(histogram.count).toBe(100);
    expect(histogram.percentile(50)).toBe(50.5);
    expect(histogram.percentile(99)).toBe(99.5);
  });

  it("clamps values past the range into the last bucket", () => {
    const histogram = new LatencyHistogram(10);
    histogram.add(500, 3);
    expect(histogram.percentile(100)).toBe(10.5);
    expect(new LatencyHistogram().percentile(50)).toBeNull();
  });
});

describe("round", () => {
  it("keeps null and drops non-finite values", () => {
    expect(round(1.26)).toBe(1.3);
    expect(round(Number.NaN)).toBeNull();
    expect(round(null)).toBeNull();
  });
});
