/**
 * Min-max downsampling for drawing: per horizontal pixel, keep the smallest and the largest value
 * (in the order they occurred), so spikes survive and a chart's cost depends on its width, not on
 * the data rate. Breaks in the series (missing samples, device offline) become a point with a NaN
 * value, which charts draw as a gap in the line.
 */
import type { SeriesBuffer } from "./ringBuffer";

/** Output arrays for `downsampleMinMax`, reusable across frames. */
export interface DownsampleOutput {
  t: Float64Array;
  v: Float64Array;
}

/** Output size that always suffices for `pixels` buckets (2 per pixel, plus breaks). */
export function downsampleCapacity(pixels: number): number {
  return 4 * Math.max(1, Math.ceil(pixels)) + 2;
}

/** Allocates output arrays for a chart `pixels` wide. */
export function createDownsampleOutput(pixels: number): DownsampleOutput {
  const size = downsampleCapacity(pixels);
  return { t: new Float64Array(size), v: new Float64Array(size) };
}

/**
 * Writes the samples of metric `key` with time in [from, to] into `out`, reduced to at most two
 * points per pixel bucket (pixels = chart width), with a NaN point wherever the line breaks.
 * Returns the number of points written (0 for an unknown metric or an empty window).
 * Allocates nothing; `out` must hold `downsampleCapacity(pixels)` points (extra points are dropped).
 */
export function downsampleMinMax(
  buffer: SeriesBuffer | undefined,
  key: string,
  from: number,
  to: number,
  pixels: number,
  out: DownsampleOutput,
): number {
  if (!buffer || !(to > from)) return 0;
  const column = buffer.metricIndex(key);
  if (column < 0) return 0;
  const start = buffer.indexAtOrAfter(from);
  const end = buffer.indexAfter(to);
  const limit = Math.min(out.t.length, out.v.length);
  const buckets = Math.max(1, Math.floor(pixels));
  const bucketMs = (to - from) / buckets;
  let n = 0;
  let bucket = -1;
  let minT = 0;
  let minV = Number.POSITIVE_INFINITY;
  let maxT = 0;
  let maxV = Number.NEGATIVE_INFINITY;
  let pending = false;

  const emit = (t: number, v: number) => {
    if (n < limit) {
      out.t[n] = t;
      out.v[n] = v;
      n++;
    }
  };
  const flush = () => {
    if (!pending) return;
    if (minT === maxT) emit(minT, minV);
    else if (minT < maxT) {
      emit(minT, minV);
      emit(maxT, maxV);
    } else {
      emit(maxT, maxV);
      emit(minT, minV);
    }
    pending = false;
    minV = Number.POSITIVE_INFINITY;
    maxV = Number.NEGATIVE_INFINITY;
  };

  for (let i = start; i < end; i++) {
    const t = buffer.timeAt(i);
    const v = buffer.valueAt(column, i);
    if (i > start && buffer.breaksBefore(i)) {
      flush();
      emit((buffer.timeAt(i - 1) + t) / 2, Number.NaN);
    }
    if (Number.isNaN(v)) continue;
    const b = Math.min(buckets - 1, Math.floor((t - from) / bucketMs));
    if (b !== bucket) {
      flush();
      bucket = b;
    }
    if (v < minV) {
      minV = v;
      minT = t;
    }
    if (v > maxV) {
      maxV = v;
      maxT = t;
    }
    pending = true;
  }
  flush();
  return n;
}
