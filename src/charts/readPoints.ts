/** Reads a chart's points from a device's ring buffer, downsampled to the chart's width. */
import { createDownsampleOutput, type DownsampleOutput, downsampleMinMax } from "../telemetry/downsample";
import type { SeriesBuffer } from "../telemetry/ringBuffer";
import type { ChartPoint, TimeSpan } from "./chartTypes";

/** Reusable output arrays, grown when a chart gets wider. */
export class PointReader {
  private out: DownsampleOutput = createDownsampleOutput(1);
  private pixels = 1;

  /** Points of `key` in [from, to], at most about two per pixel; breaks come out as `v: null`. */
  read(
    buffer: SeriesBuffer | undefined,
    key: string,
    from: number,
    to: number,
    pixels: number,
  ): ChartPoint[] {
    const width = Math.max(1, Math.round(pixels));
    if (width > this.pixels) {
      this.out = createDownsampleOutput(width);
      this.pixels = width;
    }
    const n = downsampleMinMax(buffer, key, from, to, width, this.out);
    const points: ChartPoint[] = new Array(n);
    for (let i = 0; i < n; i++) {
      const v = this.out.v[i] as number;
      points[i] = { t: this.out.t[i] as number, v: Number.isNaN(v) ? null : v };
    }
    return points;
  }
}

/**
 * Spans in [from, to] with no samples: `offline` where time jumped but no seq was skipped (an
 * offline device consumes no seq), `gap` where seqs are missing (data lost). `minSpanMs` ignores
 * ordinary jitter between samples.
 */
export function findSpans(
  buffer: SeriesBuffer | undefined,
  from: number,
  to: number,
  minSpanMs: number,
): TimeSpan[] {
  if (!buffer || buffer.length === 0) return [];
  const spans: TimeSpan[] = [];
  const start = Math.max(1, buffer.indexAtOrAfter(from));
  const end = buffer.indexAfter(to);
  for (let i = start; i < end; i++) {
    const before = buffer.timeAt(i - 1);
    const after = buffer.timeAt(i);
    const skipped = buffer.seqAt(i) !== buffer.seqAt(i - 1) + 1;
    if (skipped || after - before > minSpanMs) {
      spans.push({ from: before, to: after, kind: skipped ? "gap" : "offline" });
    }
  }
  return spans;
}
