import { describe, expect, it } from "vitest";
import { SeriesBuffer } from "../telemetry/ringBuffer";
import { findSpans, PointReader } from "./readPoints";

function series(): SeriesBuffer {
  const buffer = new SeriesBuffer(["v"], 64, { maxStepMs: 300 });
  buffer.ingest(1, [0, 100, 200], { v: [1, 2, 3] });
  // Offline for 5 s: time jumps, seq continues.
  buffer.ingest(4, [5200, 5300], { v: [4, 5] });
  // Lost samples: seq 6..9 never arrive.
  buffer.ingest(10, [6300, 6400], { v: [6, 7] });
  return buffer;
}

describe("findSpans", () => {
  it("tells an offline stretch (no seq skipped) from lost data (seqs skipped)", () => {
    expect(findSpans(series(), 0, 10_000, 2000)).toEqual([
      { from: 200, to: 5200, kind: "offline" },
      { from: 5300, to: 6300, kind: "gap" },
    ]);
  });

  it("only reports spans that reach into the window", () => {
    expect(findSpans(series(), 6000, 10_000, 2000)).toEqual([{ from: 5300, to: 6300, kind: "gap" }]);
    expect(findSpans(undefined, 0, 1, 1)).toEqual([]);
  });
});

describe("PointReader", () => {
  it("returns chart points with a null where the line must break", () => {
    const points = new PointReader().read(series(), "v", 0, 10_000, 1000);
    expect(points.filter((point) => point.v === null)).toHaveLength(2);
    expect(points.filter((point) => point.v !== null).map((point) => point.v)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });
});
