import { describe, expect, it } from "vitest";
import {
  formatAgo,
  formatDuration,
  formatLimit,
  formatMoment,
  formatStepTick,
  formatTick,
  formatValue,
} from "./format";

describe("formatValue", () => {
  it("adds the unit and scales precision with magnitude", () => {
    expect(formatValue(21.456, "°C")).toBe("21.5 °C");
    expect(formatValue(0.1234)).toBe("0.12");
    expect(formatValue(1234.64, "W")).toBe("1234.6 W");
    expect(formatValue(23456.7, "steps")).toBe("23,457 steps");
    expect(formatValue(12345, "steps")).toBe("12,345 steps");
  });

  it("shows a dash for missing values", () => {
    expect(formatValue(null, "V")).toBe("—");
    expect(formatValue(Number.NaN)).toBe("—");
  });
});

describe("formatLimit", () => {
  it("keeps the decimals a threshold was set with", () => {
    expect(formatLimit(20.05, "°C")).toBe("20.05 °C");
    expect(formatLimit(12345)).toBe("12345");
    expect(formatLimit(0.1 + 0.2)).toBe("0.3");
  });
});

describe("formatTick", () => {
  it("shows enough decimals to tell neighbouring ticks apart", () => {
    expect(formatTick(1014.25, 0.05)).toBe("1014.25");
    expect(formatTick(1014.25, 0.5)).toBe("1014.3");
    expect(formatTick(1200, 200)).toBe("1200");
  });
});

describe("formatAgo / formatDuration", () => {
  it("says how long ago in the largest sensible unit", () => {
    expect(formatAgo(1000, 13_000)).toBe("12 s ago");
    expect(formatAgo(0, 180_000)).toBe("3 min ago");
    expect(formatAgo(0, 7_200_000)).toBe("2 h ago");
  });

  it("formats durations", () => {
    expect(formatDuration(350.4)).toBe("350 ms");
    expect(formatDuration(1234)).toBe("1.2 s");
  });
});

describe("formatStepTick and formatMoment", () => {
  const at = new Date(2026, 10, 29, 14, 3, 7).getTime();
  it("shows seconds only for ticks under a minute apart, the date past a day", () => {
    expect(formatStepTick(at, 30_000, 3_600_000)).toBe("14:03:07");
    expect(formatStepTick(at, 60_000, 3_600_000)).toBe("14:03");
    expect(formatStepTick(at, 3_600_000, 86_400_000)).toBe("14:03");
    expect(formatStepTick(at, 6 * 3_600_000, 7 * 86_400_000)).toBe("11-29 14:03");
    expect(formatStepTick(at, 86_400_000, 30 * 86_400_000)).toBe("11-29");
    expect(formatMoment(at)).toBe("2026-11-29 14:03");
  });
});
