import { describe, expect, it } from "vitest";
import type { DeviceInfo, MetricInfo } from "../../protocol/messages";
import { comparisonOf } from "./compareSelection";
import { findSeries } from "./SeriesPicker";

const metric = (key: string, unit = "u"): MetricInfo => ({
  key,
  label: key[0]?.toUpperCase() + key.slice(1),
  unit,
  min: 0,
  max: 1,
});
const device = (id: string, name: string, ...keys: string[]) =>
  ({ id, name, kind: "thermostat", metrics: keys.map((k) => metric(k)) }) as unknown as DeviceInfo;

const thermoA = device("thermo-001", "Office", "temperature", "humidity");
const thermoB = device("thermo-002", "Lab", "humidity", "temperature");
const meter = device("meter-001", "Main meter", "power", "voltage");

describe("picking devices to compare", () => {
  it("compares the first metric the picked devices share", () => {
    expect(comparisonOf([thermoA, thermoB]).series).toEqual([
      { device: "thermo-001", metric: "temperature" },
      { device: "thermo-002", metric: "temperature" },
    ]);
  });

  it("falls back to each device's first metric when they share none", () => {
    expect(comparisonOf([thermoA, meter], "1h")).toEqual({
      series: [
        { device: "thermo-001", metric: "temperature" },
        { device: "meter-001", metric: "power" },
      ],
      window: "1h",
    });
  });
});

describe("findSeries", () => {
  it("matches every word against device name or id and metric label or key", () => {
    expect(findSeries([thermoA, thermoB, meter], "lab temp").map((m) => m.label)).toEqual([
      "Lab · Temperature (u)",
    ]);
    expect(findSeries([thermoA, thermoB, meter], "thermo HUM").map((m) => m.ref.device)).toEqual([
      "thermo-001",
      "thermo-002",
    ]);
    expect(findSeries([thermoA], "   ")).toEqual([]);
  });
});
