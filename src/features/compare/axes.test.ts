import { describe, expect, it } from "vitest";
import { planCharts } from "./axes";

describe("planCharts", () => {
  it("puts one unit on one left axis", () => {
    expect(planCharts(["°C", "°C"])).toEqual([
      {
        units: ["°C"],
        series: [
          { index: 0, axis: "left" },
          { index: 1, axis: "left" },
        ],
      },
    ]);
  });

  it("gives a second unit the right axis and a third unit a chart of its own", () => {
    const plans = planCharts(["°C", "W", "°C", "%", "W", "V"]);
    expect(plans.map((p) => p.units)).toEqual([
      ["°C", "W"],
      ["%", "V"],
    ]);
    expect(plans[0]?.series).toEqual([
      { index: 0, axis: "left" },
      { index: 1, axis: "right" },
      { index: 2, axis: "left" },
      { index: 4, axis: "right" },
    ]);
    expect(plans[1]?.series).toEqual([
      { index: 3, axis: "left" },
      { index: 5, axis: "right" },
    ]);
  });

  it("plans no chart for no series", () => {
    expect(planCharts([])).toEqual([]);
  });
});
