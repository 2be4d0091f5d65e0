/**
 * One metric's history as buckets of min/max/sum/count, and what the chart draws from it: the
 * min-max band with the average, broken wherever a bucket is missing (never interpolated). Live
 * samples fold into the newest bucket, or start the next one when its time comes. Pure: no React,
 * no DOM, so the rules are tested on their own.
 */
import type { BandPoint, TimeSpan } from "../../charts/chartTypes";
import type { HistoryAnswer } from "./historyClient";

/** Buckets of one metric, ascending by start; `bucketMs` 1 means raw samples, one per bucket. */
export interface BucketSeries {
  bucketMs: number;
  t: number[];
  min: number[];
  max: number[];
  sum: number[];
  count: number[];
}

/** Start of the epoch-aligned bucket holding `time` (the server aligns buckets the same way). */
export function bucketStart(time: number, bucketMs: number): number {
  return time - (((time % bucketMs) + bucketMs) % bucketMs);
}

/** The series of `key` in an answer (empty when the answer lacks it). */
export function seriesFromAnswer(answer: HistoryAnswer, key: string): BucketSeries {
  const m = answer.metrics[key];
  const series: BucketSeries = { bucketMs: answer.bucketMs, t: [], min: [], max: [], sum: [], count: [] };
  if (!m) return series;
  answer.t.forEach((t, i) => {
    const count = m.count[i] as number;
    if (count <= 0) return;
    series.t.push(t);
    series.min.push(m.min[i] as number);
    series.max.push(m.max[i] as number);
    series.sum.push((m.avg[i] as number) * count);
    series.count.push(count);
  });
  return series;
}

/** Index of the first bucket starting at or after `t`. */
function lowerBound(starts: readonly number[], t: number): number {
  let lo = 0;
  let hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((starts[mid] as number) < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Adds one sample: into its bucket when that exists, else as a new bucket in order. */
export function foldSample(series: BucketSeries, time: number, value: number): void {
  if (!Number.isFinite(value)) return;
  const start = bucketStart(time, series.bucketMs);
  const i = lowerBound(series.t, start);
  if (series.t[i] === start) {
    if (series.bucketMs === 1) return; // raw: that sample is already there
    series.min[i] = Math.min(series.min[i] as number, value);
    series.max[i] = Math.max(series.max[i] as number, value);
    series.sum[i] = (series.sum[i] as number) + value;
    series.count[i] = (series.count[i] as number) + 1;
    return;
  }
  series.t.splice(i, 0, start);
  series.min.splice(i, 0, value);
  series.max.splice(i, 0, value);
  series.sum.splice(i, 0, value);
  series.count.splice(i, 0, 1);
}

/** Drops the buckets with index in [fromIndex, toIndex). */
export function dropBuckets(series: BucketSeries, fromIndex: number, toIndex = series.t.length): void {
  const n = toIndex - fromIndex;
  if (n <= 0) return;
  for (const column of [series.t, series.min, series.max, series.sum, series.count])
    column.splice(fromIndex, n);
}

/** Drops buckets that end at or before `from` (the window slid past them). */
export function trimBefore(series: BucketSeries, from: number): void {
  dropBuckets(series, 0, lowerBound(series.t, from - series.bucketMs + 1));
}

/** Drops buckets starting at or after `t` (to be rebuilt from live samples). */
export function dropFrom(series: BucketSeries, t: number): void {
  dropBuckets(series, lowerBound(series.t, t));
}

/**
 * The longest distance between bucket starts that is not a gap: a bucket, or for raw samples and
 * short buckets, three sample intervals (at least 2 s, as the live chart allows for jitter).
 */
export function gapThresholdMs(bucketMs: number, rate: number): number {
  return Math.max(bucketMs, 2000, 3000 / Math.max(rate, 0.001));
}

/** Where a bucket is drawn: its middle (a raw sample at its own time). */
function centre(series: BucketSeries, i: number): number {
  return (series.t[i] as number) + (series.bucketMs > 1 ? series.bucketMs / 2 : 0);
}

/** The band and average points, with a break (nulls) between buckets more than `gapMs` apart. */
export function bandPoints(series: BucketSeries, gapMs: number): BandPoint[] {
  const points: BandPoint[] = [];
  for (let i = 0; i < series.t.length; i++) {
    if (i > 0 && (series.t[i] as number) - (series.t[i - 1] as number) > gapMs) {
      points.push({ t: ((series.t[i - 1] as number) + (series.t[i] as number)) / 2, band: null, avg: null });
    }
    const count = series.count[i] as number;
    points.push({
      t: centre(series, i),
      band: [series.min[i] as number, series.max[i] as number],
      avg: (series.sum[i] as number) / count,
    });
  }
  return points;
}

/**
 * The spans in [from, to] with no bucket: between buckets more than `gapMs` apart, before the
 * first and after the last. `tail` names why the end is empty (offline, server down); when absent
 * an empty end is "no data" too.
 */
export function gapSpans(
  series: BucketSeries,
  from: number,
  to: number,
  gapMs: number,
  tail: TimeSpan["kind"] = "gap",
): TimeSpan[] {
  const spans: TimeSpan[] = [];
  const width = Math.max(series.bucketMs, 1);
  const n = series.t.length;
  if (n === 0) return to > from ? [{ from, to, kind: tail }] : [];
  const first = series.t[0] as number;
  if (first - from > gapMs) spans.push({ from, to: first, kind: "gap" });
  for (let i = 1; i < n; i++) {
    const before = series.t[i - 1] as number;
    const after = series.t[i] as number;
    if (after - before > gapMs) spans.push({ from: before + width, to: after, kind: "gap" });
  }
  const end = (series.t[n - 1] as number) + width;
  if (to - end > gapMs) spans.push({ from: end, to, kind: tail });
  return spans;
}

/** Min, max, count-weighted mean and count of the buckets starting in [from, to). */
export function bucketStats(series: BucketSeries, from: number, to: number) {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  let sum = 0;
  let count = 0;
  for (let i = lowerBound(series.t, from - series.bucketMs + 1); i < series.t.length; i++) {
    if ((series.t[i] as number) >= to) break;
    min = Math.min(min, series.min[i] as number);
    max = Math.max(max, series.max[i] as number);
    sum += series.sum[i] as number;
    count += series.count[i] as number;
  }
  return count === 0 ? { count: 0 } : { min, max, mean: sum / count, count };
}
