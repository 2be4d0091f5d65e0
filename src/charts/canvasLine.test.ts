import { describe, expect, it } from "vitest";
import { backingSize, beyondThresholds, lineStops, type PathSink, traceLine } from "./canvasLine";
import type { ChartPoint } from "./chartTypes";

function recorder(): PathSink & { ops: string[] } {
  const ops: string[] = [];
  return {
    ops,
    moveTo: (x, y) => ops.push(`M${x},${y}`),
    lineTo: (x, y) => ops.push(`L${x},${y}`),
  };
}

// t 0..100 over x 50..150; v 0..10 over y 110..10 (pixels grow downwards).
const x = (t: number) => 50 + t;
const y = (v: number) => 110 - v * 10;

describe("traceLine", () => {
  it("maps points through the scales into plot-relative pixels", () => {
    const sink = recorder();
    const runs = traceLine(
      sink,
      [
        { t: 0, v: 0 },
        { t: 50, v: 5 },
        { t: 100, v: 10 },
      ],
      x,
      y,
      50,
      10,
    );
    expect(runs).toBe(1);
    expect(sink.ops).toEqual(["M0,100", "L50,50", "L100,0"]);
  });

  it("breaks at a null and never draws across it", () => {
    const sink = recorder();
    const points: ChartPoint[] = [
      { t: 0, v: 1 },
      { t: 10, v: 2 },
      { t: 20, v: null },
      { t: 30, v: 3 },
      { t: 40, v: 4 },
    ];
    expect(traceLine(sink, points, x, y, 0, 0)).toBe(2);
    expect(sink.ops).toEqual(["M50,100", "L60,90", "M80,80", "L90,70"]);
  });

  it("treats a value the scale cannot map, or a non-finite one, as a break", () => {
    const sink = recorder();
    const partial = (t: number) => (t < 0 ? undefined : x(t));
    const points: ChartPoint[] = [
      { t: -10, v: 1 },
      { t: 0, v: 1 },
      { t: 10, v: Number.NaN },
      { t: 20, v: 2 },
    ];
    expect(traceLine(sink, points, partial, y, 0, 0)).toBe(2);
    expect(sink.ops).toEqual(["M50,100", "M70,90"]);
  });

  it("draws nothing for no points", () => {
    const sink = recorder();
    expect(traceLine(sink, [], x, y, 0, 0)).toBe(0);
    expect(sink.ops).toEqual([]);
  });
});

describe("backingSize", () => {
  it("scales the CSS box by the device pixel ratio, rounded", () => {
    expect(backingSize(300.4, 150, 2)).toEqual({ width: 601, height: 300, ratio: 2 });
    expect(backingSize(300, 150, 1.5)).toEqual({ width: 450, height: 225, ratio: 1.5 });
  });

  it("falls back to ratio 1 and keeps at least a pixel", () => {
    expect(backingSize(0, 0, Number.NaN)).toEqual({ width: 1, height: 1, ratio: 1 });
    expect(backingSize(10, 10, 0)).toEqual({ width: 10, height: 10, ratio: 1 });
  });
});

describe("lineStops", () => {
  it("is the line colour over the whole height without thresholds", () => {
    expect(lineStops(200)).toEqual([
      { offset: 0, alert: false },
      { offset: 1, alert: false },
    ]);
  });

  it("turns to the alert colour above the high row and below the low row", () => {
    expect(lineStops(200, 50, 150)).toEqual([
      { offset: 0, alert: true },
      { offset: 0.25, alert: true },
      { offset: 0.25, alert: false },
      { offset: 0.75, alert: false },
      { offset: 0.75, alert: true },
      { offset: 1, alert: true },
    ]);
  });

  it("clamps rows off the plot", () => {
    expect(lineStops(100, -20, 140)).toEqual([
      { offset: 0, alert: false },
      { offset: 1, alert: false },
    ]);
  });
});

describe("beyondThresholds", () => {
  it("is the alert colour above high and below low, the line colour on and between them", () => {
    const bounds = { low: 10, high: 30 };
    expect([5, 10, 20, 30, 35].map((v) => beyondThresholds(v, bounds))).toEqual([
      true,
      false,
      false,
      false,
      true,
    ]);
  });

  it("checks only the sides that are set", () => {
    expect(beyondThresholds(-100, { high: 30 })).toBe(false);
    expect(beyondThresholds(100, { low: 10 })).toBe(false);
    expect(beyondThresholds(100, undefined)).toBe(false);
  });
});
