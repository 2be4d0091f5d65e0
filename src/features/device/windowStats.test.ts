import { describe, expect, it } from "vitest";
import { SeriesBuffer } from "../../telemetry/ringBuffer";
import { windowStats } from "./windowStats";

describe("windowStats", () => {
  const buffer = new SeriesBuffer(["power"], 8);
  buffer.ingest(1, [0, 1000, 2000, 3000, 4000], { power: [5, 1, Number.NaN, 9, 3] });

  it("summarises the finite values inside the window", () => {
    expect(windowStats(buffer, "power", 1000, 3000)).toEqual({
      current: 9,
      min: 1,
      max: 9,
      mean: 5,
      count: 2,
    });
  });

  it("is empty for an unknown metric or an empty window", () => {
    expect(windowStats(buffer, "voltage", 0, 4000)).toEqual({ count: 0 });
    expect(windowStats(buffer, "power", 5000, 6000)).toEqual({ count: 0 });
    expect(windowStats(undefined, "power", 0, 1)).toEqual({ count: 0 });
  });
});
