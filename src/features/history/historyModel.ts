/**
 * A device's history as the device view holds it: the answer's buckets per metric, kept moving
 * at the live edge. Live samples from the ring buffer fold in once each (a watermark remembers
 * the newest folded), and on the first fold the buckets the ring fully covers are rebuilt from
 * it: the store's minute and hour rollups lag the newest raw samples, the ring does not.
 */
import {
  type BucketSeries,
  bucketStart,
  dropFrom,
  foldSample,
  seriesFromAnswer,
  trimBefore,
} from "./buckets";
import type { HistoryAnswer } from "./historyClient";

/** The part of a ring buffer (telemetry/ringBuffer's SeriesBuffer) the model reads. */
export interface LiveSamples {
  readonly length: number;
  timeAt(i: number): number;
  valueAt(column: number, i: number): number;
  metricIndex(key: string): number;
  /** Index of the first sample with time > t. */
  indexAfter(t: number): number;
}

export class HistoryModel {
  readonly series: Record<string, BucketSeries> = {};
  /** Samples up to this time (server clock) are in the buckets already. */
  private watermark: number;
  private reconciled = false;

  constructor(
    readonly answer: HistoryAnswer,
    readonly keys: readonly string[],
  ) {
    for (const key of keys) this.series[key] = seriesFromAnswer(answer, key);
    this.watermark = answer.to;
  }

  get bucketMs(): number {
    return this.answer.bucketMs;
  }

  /** True when the answer holds raw samples (one per bucket) rather than aggregates. */
  get raw(): boolean {
    return this.answer.bucketMs === 1;
  }

  /** Folds the samples newer than the watermark; returns how many samples were folded. */
  catchUp(live: LiveSamples | undefined): number {
    if (!live || live.length === 0) return 0;
    if (!this.reconciled) this.reconcile(live.timeAt(0));
    const start = live.indexAfter(this.watermark);
    const columns = this.keys.map((key) => live.metricIndex(key));
    for (let i = start; i < live.length; i++) {
      const time = live.timeAt(i);
      this.keys.forEach((key, k) => {
        const column = columns[k] as number;
        if (column >= 0) foldSample(this.series[key] as BucketSeries, time, live.valueAt(column, i));
      });
    }
    if (live.length > start) this.watermark = live.timeAt(live.length - 1);
    return live.length - start;
  }

  /** Drops buckets that ended before `from` (a live window slid past them). */
  trim(from: number): void {
    for (const key of this.keys) trimBefore(this.series[key] as BucketSeries, from);
  }

  /** Rebuilds, from the ring, every bucket that starts at or after its oldest sample. */
  private reconcile(ringFirst: number): void {
    this.reconciled = true;
    const cut = this.raw ? ringFirst : bucketStart(ringFirst - 1, this.bucketMs) + this.bucketMs;
    if (cut > this.watermark) return;
    for (const key of this.keys) dropFrom(this.series[key] as BucketSeries, cut);
    this.watermark = cut - 1;
  }
}
