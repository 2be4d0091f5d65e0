import { describe, expect, it } from "vitest";
import { type AlertTrack, defaultThresholds, IDLE_TRACK, stepAlert } from "./alertEvaluator";

const limits = { low: 10, high: 30 };

function run(samples: [number, number][], track: AlertTrack = IDLE_TRACK) {
  const changes: string[] = [];
  for (const [t, v] of samples) {
    const step = stepAlert(track, t, v, limits, 3000);
    track = step.track;
    if (step.change) changes.push(`${step.change.kind}@${t}`);
  }
  return { track, changes };
}

describe("stepAlert", () => {
  it("raises only after the value stays beyond for more than the hold time", () => {
    expect(
      run([
        [0, 31],
        [1000, 32],
        [3000, 33],
      ]).changes,
    ).toEqual([]);
    expect(
      run([
        [0, 31],
        [1000, 32],
        [3001, 33],
      ]).changes,
    ).toEqual(["raised@3001"]);
  });

  it("restarts the hold when the value dips back inside", () => {
    expect(
      run([
        [0, 31],
        [2000, 25],
        [2500, 31],
        [5000, 31],
        [5600, 31],
      ]).changes,
    ).toEqual(["raised@5600"]);
  });

  it("clears when the value returns, once", () => {
    expect(
      run([
        [0, 5],
        [3500, 5],
        [4000, 20],
        [4100, 21],
      ]).changes,
    ).toEqual(["raised@3500", "cleared@4000"]);
  });

  it("restarts the hold when the value jumps to the other side", () => {
    expect(
      run([
        [0, 31],
        [2000, 5],
        [4000, 5],
        [5500, 5],
      ]).changes,
    ).toEqual(["raised@5500"]);
  });

  it("ignores missing values", () => {
    const { track, changes } = run([
      [0, 31],
      [1000, Number.NaN],
      [3500, 31],
    ]);
    expect(changes).toEqual(["raised@3500"]);
    expect(track.raised).toBe(true);
  });

  it("reports the side and the limit crossed", () => {
    const first = stepAlert(IDLE_TRACK, 0, 2, limits, 0);
    const second = stepAlert(first.track, 1, 1, limits, 0);
    expect(second.change).toEqual({ kind: "raised", side: "low", value: 1, t: 1, limit: 10 });
  });
});

describe("defaultThresholds", () => {
  it("uses the limits the device declares, only on the sides it declares", () => {
    const temperature = { key: "temperature", min: 0, max: 40, unit: "°C" };
    expect(defaultThresholds({ ...temperature, warnLow: 16, warnHigh: 28 })).toEqual({ low: 16, high: 28 });
    expect(defaultThresholds({ key: "speed", min: 0, max: 180, unit: "km/h", warnHigh: 130 })).toEqual({
      high: 130,
    });
    expect(defaultThresholds({ key: "battery", min: 0, max: 100, unit: "%", warnLow: 20 })).toEqual({
      low: 20,
    });
  });

  it("sits 5 % inside the declared range", () => {
    expect(defaultThresholds({ min: -10, max: 40, unit: "°C" })).toEqual({ low: -7.5, high: 37.5 });
    expect(defaultThresholds({ min: 0, max: 100, unit: "%" })).toEqual({ low: 5, high: 95 });
  });

  it("has no high threshold for a battery or a fuel tank", () => {
    expect(defaultThresholds({ key: "battery", label: "Battery", min: 0, max: 100, unit: "%" })).toEqual({
      low: 5,
    });
    expect(defaultThresholds({ key: "fuelLevel", label: "Fuel level", min: 0, max: 100, unit: "%" })).toEqual(
      {
        low: 5,
      },
    );
  });

  it("has no low threshold for quantities that rest at zero", () => {
    expect(defaultThresholds({ min: 0, max: 200, unit: "km/h" })).toEqual({ high: 190 });
  });
});
