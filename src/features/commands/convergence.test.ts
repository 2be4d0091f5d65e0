import { describe, expect, it } from "vitest";
import type { MetricInfo } from "../../protocol/messages";
import { convergence, findSetpoints } from "./convergence";

const temperature: MetricInfo = { key: "temperature", label: "Temperature", unit: "°C", min: -10, max: 40 };
const cabin: MetricInfo = {
  key: "cabinTemperature",
  label: "Cabin temperature",
  unit: "°C",
  min: -20,
  max: 50,
};
const speed: MetricInfo = { key: "speed", label: "Speed", unit: "km/h", min: 0, max: 200 };

describe("findSetpoints", () => {
  it("pairs a thermostat's target with its temperature", () => {
    expect(findSetpoints({ metrics: [temperature], state: { target: 21, mode: "heat" } })).toEqual([
      { stateKey: "target", metric: temperature },
    ]);
  });

  it("pairs a vehicle's climate target with the cabin temperature", () => {
    expect(findSetpoints({ metrics: [speed, cabin], state: { locked: true, climateTarget: 20 } })).toEqual([
      { stateKey: "climateTarget", metric: cabin },
    ]);
  });

  it("finds nothing without a numeric target", () => {
    expect(findSetpoints({ metrics: [speed], state: { relay: true } })).toEqual([]);
  });
});

describe("convergence", () => {
  it("is at target within 2 % of the range", () => {
    expect(convergence(22, 21.5, 19, temperature)).toBe("at target");
  });

  it("tells converging from moving away and from drifting in noise", () => {
    expect(convergence(22, 19.4, 18, temperature)).toBe("converging");
    expect(convergence(22, 18, 19.4, temperature)).toBe("moving away");
    expect(convergence(22, 19.4, 19.3, temperature)).toBe("not converging");
    expect(convergence(22, undefined, 19, temperature)).toBe("waiting for data");
    expect(convergence(22, 19, undefined, temperature)).toBe("waiting for data");
  });
});
