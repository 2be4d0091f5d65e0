import { describe, expect, it } from "vitest";
import { createDownsampleOutput, downsampleMinMax } from "./downsample";
import { SeriesBuffer } from "./ringBuffer";

/** `count` samples 10 ms apart from t=0, value = f(i). */
function filled(count: number, f: (i: number) => number, maxStepMs?: number): SeriesBuffer {
  const buffer = new SeriesBuffer(["v"], count + 8, maxStepMs === undefined ? {} : { maxStepMs });
  const t = Array.from({ length: count }, (_, i) => i * 10);
  buffer.ingest(1, t, { v: t.map((_, i) => f(i)) });
  return buffer;
}

function points(out: { t: Float64Array; v: Float64Array }, n: number): [number, number][] {
  return Array.from({ length: n }, (_, i) => [out.t[i] as number, out.v[i] as number]);
}

describe("downsampleMinMax", () => {
  it("reduces 10 000 samples to at most two points per pixel and keeps the spikes", () => {
    const buffer = filled(10_000, (i) => (i === 1234 ? 500 : i === 7777 ? -300 : Math.sin(i / 50)));
    const out = createDownsampleOutput(100);
    const n = downsampleMinMax(buffer, "v", 0, 99_990, 100, out);
    expect(n).toBeLessThanOrEqual(200);
    expect(n).toBeGreaterThanOrEqual(100);
    const drawn = points(out, n);
    expect(drawn).toContainEqual([12_340, 500]);
    expect(drawn).toContainEqual([77_770, -300]);
    expect(Math.max(...drawn.map((p) => p[1]))).toBe(500);
    expect(Math.min(...drawn.map((p) => p[1]))).toBe(-300);
    const times = drawn.map((p) => p[0]);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it("keeps every sample when there are fewer than the pixels", () => {
    const buffer = filled(5, (i) => i * 2);
    const out = createDownsampleOutput(100);
    const n = downsampleMinMax(buffer, "v", 0, 40, 100, out);
    expect(points(out, n)).toEqual([
      [0, 0],
      [10, 2],
      [20, 4],
      [30, 6],
      [40, 8],
    ]);
  });

  it("limits output to the window", () => {
    const buffer = filled(100, (i) => i);
    const out = createDownsampleOutput(1000);
    const n = downsampleMinMax(buffer, "v", 200, 250, 1000, out);
    expect(points(out, n).map((p) => p[1])).toEqual([20, 21, 22, 23, 24, 25]);
  });

  it("emits a NaN break where samples are missing", () => {
    const buffer = new SeriesBuffer(["v"], 16);
    buffer.ingest(1, [0, 10, 20], { v: [1, 2, 3] });
    buffer.ingest(10, [100, 110], { v: [4, 5] });
    const out = createDownsampleOutput(1000);
    const n = downsampleMinMax(buffer, "v", 0, 110, 1000, out);
    const drawn = points(out, n);
    expect(drawn.map((p) => p[1]).slice(0, 3)).toEqual([1, 2, 3]);
    expect(drawn[3]?.[0]).toBe(60);
    expect(Number.isNaN(drawn[3]?.[1])).toBe(true);
    expect(drawn.slice(4)).toEqual([
      [100, 4],
      [110, 5],
    ]);
  });

  it("returns 0 for an unknown metric, a missing buffer or an empty window", () => {
    const out = createDownsampleOutput(10);
    const buffer = filled(10, (i) => i);
    expect(downsampleMinMax(buffer, "nope", 0, 100, 10, out)).toBe(0);
    expect(downsampleMinMax(undefined, "v", 0, 100, 10, out)).toBe(0);
    expect(downsampleMinMax(buffer, "v", 5_000, 6_000, 10, out)).toBe(0);
  });
});
