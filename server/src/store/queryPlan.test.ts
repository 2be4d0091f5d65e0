import { describe, expect, it } from "vitest";
import { DAY_MS, type HistoryQuery, HOUR_MS } from "./historyStore";
import { bucketCount, bucketStart, bucketWidth, planQuery, validateQuery } from "./queryPlan";

const NOW = 1_795_986_400_000;
const RETENTION = { raw: DAY_MS, "1m": 30 * DAY_MS, "1h": 365 * DAY_MS };
const q = (span: number, points = 1000): HistoryQuery => ({ device: "d", from: NOW - span, to: NOW, points });

describe("planQuery", () => {
  it.each([
    ["1 h", HOUR_MS, "raw", 4000],
    ["24 h (the issue's example)", DAY_MS, "1m", 120_000],
    ["7 d", 7 * DAY_MS, "1m", 660_000],
    ["30 d (1h gives 720 of the 1000 points)", 30 * DAY_MS, "1h", HOUR_MS],
    ["20 d (1h would give 480: 1m)", 20 * DAY_MS, "1m", 1_740_000],
    ["90 d", 90 * DAY_MS, "1h", 3 * HOUR_MS],
  ])("%s -> %s tier", (_name, span, tier, bucketMs) => {
    expect(planQuery(q(span), NOW, RETENTION)).toEqual({ tier, bucketMs });
  });

  it("uses the 1m tier for a short range older than raw retention", () => {
    const old = { device: "d", from: NOW - 3 * DAY_MS, to: NOW - 3 * DAY_MS + HOUR_MS, points: 1000 };
    expect(planQuery(old, NOW, RETENTION)).toEqual({ tier: "1m", bucketMs: 60_000 });
  });

  it("falls back to the 1h tier beyond every retention", () => {
    const ancient = { device: "d", from: NOW - 400 * DAY_MS, to: NOW - 399 * DAY_MS, points: 10 };
    expect(planQuery(ancient, NOW, RETENTION).tier).toBe("1h");
  });
});

describe("bucket arithmetic", () => {
  it("never exceeds points, whatever the alignment", () => {
    for (const [from, to, points, res] of [
      [1, 86_400_001, 1000, 60_000],
      [59_999, 120_001, 2, 60_000],
      [7, 8, 1, 1000],
      [1_000, 1_000 + 30 * DAY_MS, 1000, HOUR_MS],
    ] as const) {
      const width = bucketWidth(from, to, points, res);
      expect(width % res).toBe(0);
      expect(bucketCount(from, to, width)).toBeLessThanOrEqual(points);
      if (width > res) expect(bucketCount(from, to, width - res)).toBeGreaterThan(points);
    }
  });

  it("aligns bucket starts to the epoch", () => {
    expect(bucketStart(125_000, 60_000)).toBe(120_000);
    expect(bucketStart(120_000, 60_000)).toBe(120_000);
  });
});

describe("validateQuery", () => {
  const good: HistoryQuery = { device: "d", from: 1, to: 2, points: 1 };
  it.each([
    [{ ...good, from: 2, to: 2 }, "from: must be less than to"],
    [{ ...good, from: Number.NaN }, "from: expected ms since the epoch"],
    [{ ...good, to: "x" as unknown as number }, "to: expected ms since the epoch"],
    [{ ...good, points: 0 }, "points: expected an integer in 1..10000"],
    [{ ...good, points: 10_001 }, "points: expected an integer in 1..10000"],
    [{ ...good, device: "" }, "device: expected a non-empty string"],
    [{ ...good, metrics: [""] }, "metrics: expected an array of metric names"],
  ])("%o -> %s", (query, message) => {
    expect(() => validateQuery(query)).toThrow(message);
  });

  it("accepts a well-formed query", () => {
    expect(() => validateQuery({ ...good, metrics: ["temperature"] })).not.toThrow();
  });
});
