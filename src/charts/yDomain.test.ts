import { describe, expect, it } from "vitest";
import {
  alertZones,
  coveredRange,
  dataShare,
  extendedThresholds,
  offChartLabel,
  placement,
  strokeStops,
  thresholdSummary,
  valueRange,
} from "./yDomain";

const data = { lo: 20, hi: 21 };

describe("valueRange", () => {
  it("spans the finite values and skips breaks", () => {
    expect(
      valueRange([
        { t: 0, v: 20.5 },
        { t: 1, v: null },
        { t: 2, v: 19.25 },
        { t: 3, v: Number.NaN },
        { t: 4, v: 22 },
      ]),
    ).toEqual({ lo: 19.25, hi: 22 });
  });

  it("is undefined without a value", () => {
    expect(valueRange([])).toBeUndefined();
    expect(valueRange([{ t: 0, v: null }])).toBeUndefined();
  });
});

describe("dataShare", () => {
  it("is the data's share of the stretched axis", () => {
    expect(dataShare(data, [21.5])).toBeCloseTo(1 / 1.5);
    expect(dataShare(data, [18])).toBeCloseTo(1 / 3);
    expect(dataShare(data, [19.5, 22.5])).toBeCloseTo(1 / 3);
  });

  it("is 1 for values inside the data", () => {
    expect(dataShare(data, [20.4, 21])).toBe(1);
  });

  it("is 0 for a flat line and any value off it", () => {
    expect(dataShare({ lo: 1018.5, hi: 1018.5 }, [1018.6])).toBe(0);
    expect(dataShare({ lo: 0, hi: 0 }, [0])).toBe(1);
  });
});

describe("extendedThresholds", () => {
  it("keeps the data's resolution when the default thresholds are far away", () => {
    expect(extendedThresholds({ lo: 20.2, hi: 21.4 }, { low: 2, high: 38 })).toEqual({
      low: false,
      high: false,
    });
    // A large offset is no reason to stretch: 0.3 hPa of data against a threshold 26 hPa away.
    expect(extendedThresholds({ lo: 1018.4, hi: 1018.7 }, { low: 955, high: 1045 })).toEqual({
      low: false,
      high: false,
    });
  });

  it("includes a threshold near the data", () => {
    expect(extendedThresholds(data, { low: 2, high: 21.5 })).toEqual({ low: false, high: true });
  });

  it("includes a threshold the line crosses, however far the other data is", () => {
    expect(extendedThresholds({ lo: 0, hi: 100 }, { high: 50 })).toEqual({ low: false, high: true });
  });

  it("keeps the resolution when the whole window is far beyond a threshold", () => {
    expect(extendedThresholds(data, { low: 2, high: 5 })).toEqual({ low: false, high: false });
    expect(extendedThresholds(data, { low: 2, high: 19.5 })).toEqual({ low: false, high: true });
  });

  it("adds the nearest first, then the other only while the data keeps a third of the height", () => {
    expect(extendedThresholds(data, { low: 19, high: 22 })).toEqual({ low: true, high: true });
    expect(extendedThresholds(data, { low: 19, high: 22.2 })).toEqual({ low: true, high: false });
    expect(extendedThresholds(data, { low: 18.8, high: 22 })).toEqual({ low: false, high: true });
  });

  it("keeps an included threshold until the data would fill less than a quarter", () => {
    const high = { high: 23.5 };
    expect(extendedThresholds(data, high)).toEqual({ low: false, high: false });
    expect(extendedThresholds(data, high, { low: false, high: true })).toEqual({ low: false, high: true });
    expect(extendedThresholds(data, { high: 24.5 }, { low: false, high: true })).toEqual({
      low: false,
      high: false,
    });
  });

  it("includes every threshold there is when there is no data", () => {
    expect(extendedThresholds(undefined, { high: 30 })).toEqual({ low: false, high: true });
    expect(extendedThresholds(undefined, undefined)).toEqual({ low: false, high: false });
  });
});

describe("coveredRange", () => {
  it("covers the data and the included thresholds only", () => {
    expect(coveredRange(data, { low: 2, high: 22 }, { low: false, high: true })).toEqual({ lo: 20, hi: 22 });
    expect(coveredRange(undefined, { low: 5, high: 30 }, { low: true, high: true })).toEqual({
      lo: 5,
      hi: 30,
    });
    expect(coveredRange(undefined, {}, { low: false, high: false })).toBeUndefined();
  });
});

describe("placement", () => {
  it("tells rows above, on and below the plot apart, edges included", () => {
    expect(placement(9, 10, 200)).toBe("above");
    expect(placement(10, 10, 200)).toBe("on");
    expect(placement(200, 10, 200)).toBe("on");
    expect(placement(201, 10, 200)).toBe("below");
  });
});

describe("offChartLabel", () => {
  it("names the side, the value with its unit, the direction and the distance from now", () => {
    expect(offChartLabel("high", 33.5, "°C", "above", 21.4)).toBe("high 33.5 °C ↑ 12.1 away");
    expect(offChartLabel("low", 2.5, "°C", "below")).toBe("low 2.5 °C ↓");
    expect(offChartLabel("high", 0, "°C", "below", 21.4)).toBe("high 0 °C ↓ 21.4 away");
  });
});

describe("alertZones", () => {
  it("spans above the high and below the low threshold's row", () => {
    expect(alertZones(10, 100, 30, 90)).toEqual({ high: 0.2, low: 0.8 });
    expect(alertZones(10, 100)).toEqual({ high: 0, low: 1 });
  });

  it("clamps rows off the plot: beyond the plot there is no zone, behind it all is one", () => {
    expect(alertZones(10, 100, -50, 400)).toEqual({ high: 0, low: 1 });
    expect(alertZones(10, 100, 400)).toEqual({ high: 1, low: 1 });
    expect(alertZones(10, 100, undefined, -50)).toEqual({ high: 0, low: 0 });
  });
});

describe("strokeStops", () => {
  it("is the normal colour throughout without an alert zone", () => {
    expect(strokeStops({ high: 0, low: 1 })).toEqual([
      { offset: 0, alert: false },
      { offset: 1, alert: false },
    ]);
  });

  it("turns to the alert colour above the high and below the low threshold", () => {
    expect(strokeStops({ high: 0.2, low: 0.8 })).toEqual([
      { offset: 0, alert: true },
      { offset: 0.2, alert: true },
      { offset: 0.2, alert: false },
      { offset: 0.8, alert: false },
      { offset: 0.8, alert: true },
      { offset: 1, alert: true },
    ]);
  });
});

describe("thresholdSummary", () => {
  it("names each threshold and its distance from the latest value", () => {
    expect(thresholdSummary({ low: 2.5, high: 33.5 }, "°C", 21.4)).toBe(
      "High threshold 33.5 °C (12.1 away), low threshold 2.5 °C (18.9 away).",
    );
    expect(thresholdSummary({ low: 5 }, "%")).toBe("Low threshold 5 %.");
    expect(thresholdSummary(undefined, "%", 50)).toBe("");
  });

  it("says only which threshold the value is beyond when it is", () => {
    expect(thresholdSummary({ low: 2.5, high: 20 }, "°C", 21.4)).toBe("Above the high threshold 20 °C.");
    expect(thresholdSummary({ low: 22, high: 30 }, "°C", 21.4)).toBe("Below the low threshold 22 °C.");
  });
});
