import { describe, expect, it } from "vitest";
import { buildRoster, spreadCounts } from "./roster";

describe("buildRoster", () => {
  it("makes a default fleet of 16 named devices of all kinds, the same for the same seed", () => {
    const a = buildRoster({ seed: 42, rate: 10 });
    expect(a).toHaveLength(16);
    expect(a.map((d) => d.id).slice(0, 2)).toEqual(["thermo-001", "thermo-002"]);
    expect(buildRoster({ seed: 42, rate: 10 })).toEqual(a);
    expect(buildRoster({ seed: 43, rate: 10 }).map((d) => d.name)).not.toEqual(a.map((d) => d.name));
    for (const device of a) {
      expect(device.name).toMatch(/^[A-Z][\p{L}\d' ]* (thermostat|van \d+|truck \d+|car \d+|watch|meter)$/u);
    }
  });

  it("keeps names unique in large fleets and pads ids past 999", () => {
    const roster = buildRoster({ seed: 1, rate: 10, devices: 4000 });
    expect(new Set(roster.map((d) => d.name)).size).toBe(4000);
    expect(roster.some((d) => d.id === "thermo-1250")).toBe(true);
  });

  it("spreads counts 5:4:3:4 and always totals the request", () => {
    expect(spreadCounts(16)).toEqual({ thermostat: 5, vehicle: 4, wearable: 3, meter: 4 });
    for (const total of [1, 2, 3, 7, 99, 2000]) {
      const counts = spreadCounts(total);
      expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(total);
    }
  });

  it("takes kind rates from the spec, then the spec's rate, then the default", () => {
    const roster = buildRoster({ seed: 1, rate: 7, spec: { vehicle: { count: 1, rate: 2 }, meter: 1 } });
    expect(roster.map((d) => [d.id, d.rate])).toEqual([
      ["vehicle-001", 2],
      ["meter-001", 7],
    ]);
  });
});
