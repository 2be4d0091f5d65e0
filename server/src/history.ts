/**
 * Per-device bounded sample history: a ring of the most recent samples, addressed by seq.
 * It backs `history`/`resume` replays, catch-up after a slow client drains, and `gap` reports.
 * Values are stored as float32 and re-rounded on the way out, so replayed values are exactly
 * the values sent live, at half the memory of float64.
 */

import { encodeDataEntry, type SampleRing } from "../../src/protocol/server";

/** Rounds to `decimals` places; the one rounding used for live and replayed values alike. */
export function roundTo(value: number, factor: number): number {
  return Math.round(value * factor) / factor;
}

/** The most recent samples of one device, by seq, in fixed memory. */
export class SampleHistory implements SampleRing {
  /** Seq of the newest sample, 0 before the first. */
  lastSeq = 0;
  readonly times: Float64Array;
  readonly values: Float32Array;
  readonly factors: number[];
  private readonly scratch: number[];

  /**
   * @param capacity samples kept (at least 1)
   * @param metrics the device's metrics, in order, with the decimals each is rounded to
   */
  constructor(
    readonly capacity: number,
    metrics: readonly { decimals?: number }[],
  ) {
    if (capacity < 1) throw new RangeError("SampleHistory capacity must be at least 1");
    this.factors = metrics.map((metric) => 10 ** (metric.decimals ?? 2));
    this.scratch = metrics.map(() => 0);
    this.times = new Float64Array(capacity);
    this.values = new Float32Array(capacity * metrics.length);
  }

  /** Seq of the oldest sample still held (lastSeq + 1 when empty). */
  get firstSeq(): number {
    return Math.max(1, this.lastSeq - this.capacity + 1);
  }

  /** Appends one sample (values rounded in place) and returns its seq. */
  append(time: number, sample: number[]): number {
    const seq = ++this.lastSeq;
    const slot = (seq - 1) % this.capacity;
    const width = this.factors.length;
    this.times[slot] = time;
    for (let m = 0; m < width; m++) {
      const rounded = roundTo(sample[m] as number, this.factors[m] as number);
      sample[m] = rounded;
      this.values[slot * width + m] = rounded;
    }
    return seq;
  }

  /** Epoch ms of a held sample. */
  timeOf(seq: number): number {
    return this.times[(seq - 1) % this.capacity] as number;
  }

  /** `values` rounded to each metric's decimals as `append` rounds them, in a reused array. */
  round(values: readonly number[]): readonly number[] {
    for (let m = 0; m < this.factors.length; m++)
      this.scratch[m] = roundTo(values[m] as number, this.factors[m] as number);
    return this.scratch;
  }

  /** Value of metric `m` of a held sample, rounded as it was sent. */
  valueOf(seq: number, m: number): number {
    const width = this.factors.length;
    return roundTo(this.values[((seq - 1) % this.capacity) * width + m] as number, this.factors[m] as number);
  }

  /** Epoch ms of the newest held sample, or -Infinity when empty. */
  get lastTime(): number {
    return this.lastSeq > 0 ? this.timeOf(this.lastSeq) : Number.NEGATIVE_INFINITY;
  }

  /** First held seq whose time is at or after `time`, or lastSeq + 1 if none. Binary search. */
  seqAtOrAfter(time: number): number {
    let low = this.firstSeq;
    let high = this.lastSeq + 1;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.timeOf(mid) < time) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  /**
   * Encodes held samples `fromSeq..toSeq` as one columnar data entry (the protocol's
   * `encodeDataEntry`). `quotedDevice` and `quotedKeys` are already JSON strings.
   */
  encodeEntry(quotedDevice: string, quotedKeys: readonly string[], fromSeq: number, toSeq: number): string {
    return encodeDataEntry(quotedDevice, quotedKeys, this, fromSeq, toSeq);
  }
}
