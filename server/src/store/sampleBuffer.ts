/**
 * The bounded write buffer between `append` and the engine: samples are packed into columnar
 * batches (typed arrays, transferable to a worker), sealed at each commit, and kept until the
 * engine has committed them, so an unreachable store loses nothing until `limitBytes` is full.
 */

import { MAX_DECIMALS, STORE_DEFAULTS } from "./historyStore";

/** Long-format rows of one commit: `keys[series[i]]` is "device\u0000metric" of row i. */
export interface SampleBatch {
  keys: string[];
  /** Decimals of each key as appended (a series created from this batch gets them). */
  decimals: number[];
  series: Int32Array;
  t: Float64Array;
  v: Float64Array;
  rows: number;
  /** Sequence number of the last sample in the batch (for flush). */
  lastSeq: number;
  /** The newest sample time in the batch (the store's front: rollups stay behind it). */
  newest: number;
}

/** Bytes one row occupies in a batch (series index, time, value). */
export const ROW_BYTES = 4 + 8 + 8;
/** Rows after which a batch is sealed even before the commit timer fires. */
export const MAX_BATCH_ROWS = 1 << 20;

/** Separator of device and metric in a series key; not allowed in either. */
export const KEY_SEPARATOR = "\u0000";

/** Rows a new batch's arrays start with, at least. */
const MIN_BATCH_ROWS = 1024;

class BatchBuilder {
  keys: string[] = [];
  decimals: number[] = [];
  private readonly keyIndex = new Map<string, number>();
  series: Int32Array;
  t: Float64Array;
  v: Float64Array;
  rows = 0;
  keyBytes = 0;
  newest = Number.NEGATIVE_INFINITY;

  /**
   * @param rows rows to make room for: the previous batch's, so a steady fleet's batch is one
   *   allocation (it grew 1,024 -> 16,384 rows through five copies at every commit, garbage that
   *   kept V8's collector threads busy)
   */
  constructor(rows = MIN_BATCH_ROWS) {
    const size = Math.max(MIN_BATCH_ROWS, Math.min(MAX_BATCH_ROWS, rows));
    this.series = new Int32Array(size);
    this.t = new Float64Array(size);
    this.v = new Float64Array(size);
  }

  push(key: string, time: number, value: number, decimals: number): void {
    let index = this.keyIndex.get(key);
    if (index === undefined) {
      index = this.keys.push(key) - 1;
      this.decimals.push(decimals);
      this.keyIndex.set(key, index);
      this.keyBytes += 2 * key.length + 32;
    }
    if (this.rows === this.t.length) this.grow();
    this.series[this.rows] = index;
    this.t[this.rows] = time;
    this.v[this.rows] = value;
    this.rows++;
    if (time > this.newest) this.newest = time;
  }

  private grow(): void {
    const size = this.t.length * 2;
    const series = new Int32Array(size);
    series.set(this.series);
    const t = new Float64Array(size);
    t.set(this.t);
    const v = new Float64Array(size);
    v.set(this.v);
    Object.assign(this, { series, t, v });
  }

  /**
   * The batch. Its columns are views of the builder's arrays (no copy: the builder is done), unless
   * those are over a quarter larger than the rows (a batch that grew, or a fleet that shrank):
   * then copies, so a held batch's memory stays what the buffer counts for it.
   */
  seal(lastSeq: number): SampleBatch {
    const { keys, decimals, rows } = this;
    const copy = this.t.length > rows + (rows >> 2);
    const column = <T extends Int32Array | Float64Array>(values: T): T =>
      (copy ? values.slice(0, rows) : values.subarray(0, rows)) as T;
    return {
      keys,
      decimals,
      rows,
      lastSeq,
      newest: this.newest,
      series: column(this.series),
      t: column(this.t),
      v: column(this.v),
    };
  }
}

/** Pending samples, oldest first, bounded in bytes. */
export class SampleBuffer {
  private open = new BatchBuilder();
  private readonly sealed: Array<{ batch: SampleBatch; bytes: number }> = [];
  /** Samples appended so far (the sequence number of the newest). */
  appended = 0;
  /** Samples dropped because the buffer was full or the sample malformed. */
  dropped = 0;
  /** Bytes held: sealed batches plus the open one. */
  bytes = 0;
  /**
   * Each device's series keys, built once per metrics array: a key concatenated per value is a new
   * string whose hash the batch's key map computes again every time (1.7 s of the serving thread's
   * 44 s at 80,000 values/s in a `--cpu-prof` of the gateway, the largest part of what the store
   * costs there).
   */
  private readonly keyCache = new Map<string, { metrics: readonly string[]; keys: string[] }>();

  /** @param defaultDecimals decimals of metrics appended without their own */
  constructor(
    private readonly limitBytes: number,
    private readonly defaultDecimals = STORE_DEFAULTS.decimals,
  ) {}

  /**
   * Adds one sample; false (counted as dropped) when it does not fit or is malformed: decimals not
   * an integer in 0..MAX_DECIMALS, or a value whose scaled integer is beyond 2^53 (not exact).
   * Values that are not finite add no row.
   */
  append(
    device: string,
    time: number,
    metrics: readonly string[],
    values: ArrayLike<number>,
    decimals?: ArrayLike<number>,
  ): boolean {
    const size = metrics.length * ROW_BYTES;
    if (
      this.bytes + size > this.limitBytes ||
      !Number.isFinite(time) ||
      metrics.length !== values.length ||
      (decimals !== undefined && decimals.length !== metrics.length) ||
      device.includes(KEY_SEPARATOR) ||
      !this.storable(values, decimals)
    ) {
      this.dropped++;
      return false;
    }
    const keys = this.keysOf(device, metrics);
    const before = this.open.keyBytes;
    for (let i = 0; i < metrics.length; i++) {
      const value = values[i] as number;
      const places = (decimals?.[i] ?? this.defaultDecimals) as number;
      if (Number.isFinite(value)) this.open.push(keys[i] as string, time, value, places);
    }
    this.bytes += size + this.open.keyBytes - before;
    this.appended++;
    if (this.open.rows >= MAX_BATCH_ROWS) this.seal();
    return true;
  }

  /** "device\0metric" of each of `metrics`, cached while the device appends the same array. */
  private keysOf(device: string, metrics: readonly string[]): string[] {
    const cached = this.keyCache.get(device);
    if (cached?.metrics === metrics) return cached.keys;
    const keys = metrics.map((metric) => device + KEY_SEPARATOR + metric);
    this.keyCache.set(device, { metrics, keys });
    return keys;
  }

  /** Whether every decimals is valid and every finite value fits a safe integer once scaled. */
  private storable(values: ArrayLike<number>, decimals: ArrayLike<number> | undefined): boolean {
    for (let i = 0; i < values.length; i++) {
      const places = (decimals?.[i] ?? this.defaultDecimals) as number;
      if (!(Number.isInteger(places) && places >= 0 && places <= MAX_DECIMALS)) return false;
      if (Math.abs(values[i] as number) * 10 ** places > Number.MAX_SAFE_INTEGER) return false;
    }
    return true;
  }

  /** Closes the open batch so the next commit takes it. */
  seal(): void {
    if (this.open.rows === 0) return;
    const bytes = this.open.rows * ROW_BYTES + this.open.keyBytes;
    this.sealed.push({ batch: this.open.seal(this.appended), bytes });
    this.open = new BatchBuilder(this.open.rows + (this.open.rows >> 3));
  }

  /** The oldest sealed batch, still held until `committed` is called. */
  oldest(): SampleBatch | undefined {
    return this.sealed[0]?.batch;
  }

  /** Releases the oldest batch once the engine has committed it. */
  committed(): void {
    const entry = this.sealed.shift();
    if (entry) this.bytes -= entry.bytes;
  }

  /** True when nothing is waiting, sealed or open. */
  get empty(): boolean {
    return this.sealed.length === 0 && this.open.rows === 0;
  }
}
