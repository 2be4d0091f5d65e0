import { describe, expect, it } from "vitest";
import { valuesPerSample } from "./fleetShape";

const device = (rate: number, metrics: number) => ({
  rate,
  metrics: Array.from({ length: metrics }, (_, i) => `m${i}`),
});

describe("values per sample", () => {
  it("weights each device by its rate", () => {
    expect(valuesPerSample([device(10, 3), device(10, 5)])).toBe(4);
    // One 50 Hz device of 2 metrics and one 10 Hz device of 8: (100 + 80) / 60 = 3.
    expect(valuesPerSample([device(50, 2), device(10, 8)])).toBe(3);
  });

  it("is unknown for a fleet that produces nothing", () => {
    expect(valuesPerSample([])).toBeNull();
    expect(valuesPerSample([device(0, 4)])).toBeNull();
  });
});
