import { describe, expect, it } from "vitest";
import {
  type BucketSeries,
  bandPoints,
  bucketStart,
  bucketStats,
  foldSample,
  gapSpans,
  gapThresholdMs,
  seriesFromAnswer,
  trimBefore,
} from "./buckets";

function series(bucketMs: number, rows: [t: number, min: number, max: number, avg: number, count: number][]) {
  return seriesFromAnswer(
    {
      device: "d",
      from: 0,
      to: 1e9,
      tier: "1m",
      bucketMs,
      t: rows.map((r) => r[0]),
      metrics: {
        v: {
          min: rows.map((r) => r[1]),
          max: rows.map((r) => r[2]),
          avg: rows.map((r) => r[3]),
          count: rows.map((r) => r[4]),
        },
      },
    },
    "v",
  );
}

describe("bucketStart", () => {
  it("aligns to the epoch as the server does", () => {
    expect(bucketStart(125_000, 60_000)).toBe(120_000);
    expect(bucketStart(120_000, 60_000)).toBe(120_000);
    expect(bucketStart(5, 1)).toBe(5);
  });
});

describe("foldSample", () => {
  it("updates min, max, average and count of the newest bucket", () => {
    const s = series(60_000, [[0, 1, 3, 2, 2]]);
    foldSample(s, 59_000, 10);
    foldSample(s, 30_000, -4);
    expect(s.count).toEqual([4]);
    expect([s.min[0], s.max[0], (s.sum[0] as number) / 4]).toEqual([-4, 10, 2.5]);
  });

  it("starts a new bucket when its time comes, in order", () => {
    const s = series(60_000, [[0, 1, 3, 2, 2]]);
    foldSample(s, 185_000, 7);
    foldSample(s, 121_000, 5);
    expect(s.t).toEqual([0, 120_000, 180_000]);
    expect(s.count).toEqual([2, 1, 1]);
  });

  it("keeps raw samples one per bucket and ignores a repeat or a non-number", () => {
    const s = series(1, [[1000, 5, 5, 5, 1]]);
    foldSample(s, 2000, 6);
    foldSample(s, 2000, 99);
    foldSample(s, 3000, Number.NaN);
    expect(s.t).toEqual([1000, 2000]);
    expect(s.max).toEqual([5, 6]);
  });
});

describe("gaps", () => {
  const s = series(60_000, [
    [0, 1, 2, 1.5, 10],
    [60_000, 1, 9, 2, 10],
    [240_000, 0, 1, 0.5, 10],
  ]);

  it("breaks the band and the line where a bucket is missing, never across it", () => {
    const points = bandPoints(s, gapThresholdMs(60_000, 1));
    expect(points.map((p) => p.band)).toEqual([[1, 2], [1, 9], null, [0, 1]]);
    expect(points.map((p) => p.avg)).toEqual([1.5, 2, null, 0.5]);
    // Buckets are drawn at their middle.
    expect(points[0]?.t).toBe(30_000);
  });

  it("names the empty spans: between buckets, before the first and after the last", () => {
    expect(gapSpans(s, -300_000, 600_000, 60_000, "offline")).toEqual([
      { from: -300_000, to: 0, kind: "gap" },
      { from: 120_000, to: 240_000, kind: "gap" },
      { from: 300_000, to: 600_000, kind: "offline" },
    ]);
    expect(gapSpans(series(60_000, []), 0, 10, 60_000, "serverDown")).toEqual([
      { from: 0, to: 10, kind: "serverDown" },
    ]);
  });

  it("does not call ordinary spacing of raw samples a gap", () => {
    const raw = series(1, [
      [0, 1, 1, 1, 1],
      [2000, 2, 2, 2, 1],
      [4000, 3, 3, 3, 1],
      [20_000, 4, 4, 4, 1],
    ]);
    const threshold = gapThresholdMs(1, 0.5);
    expect(threshold).toBe(6000);
    expect(bandPoints(raw, threshold).filter((p) => p.band === null)).toHaveLength(1);
  });
});

describe("trimBefore and bucketStats", () => {
  it("drops buckets that ended before the window and weighs the mean by count", () => {
    const s: BucketSeries = series(60_000, [
      [0, 1, 2, 1, 1],
      [60_000, 0, 4, 2, 3],
      [120_000, 3, 5, 4, 1],
    ]);
    trimBefore(s, 90_000);
    expect(s.t).toEqual([60_000, 120_000]);
    expect(bucketStats(s, 90_000, 180_000)).toEqual({ min: 0, max: 5, mean: 2.5, count: 4 });
    expect(bucketStats(s, 200_000, 300_000)).toEqual({ count: 0 });
  });
});
