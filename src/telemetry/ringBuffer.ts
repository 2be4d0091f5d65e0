/**
 * Fixed-capacity ring buffer of one device's samples on typed arrays: seq, time and one column
 * per metric. Appends are O(1) and allocate nothing; when full, the oldest sample is overwritten,
 * so memory is the same on day 7 as in minute 2.
 *
 * The series stays sorted by seq and duplicate-free: a sample whose seq is already held is
 * dropped, one that arrives late is inserted in place (replays and resumes may overlap what live
 * data already delivered). Readers address samples by logical index 0..length-1, oldest first.
 */

/** Samples the server reported lost (`gap`), in this buffer's seq numbering. */
export interface SeqGap {
  fromSeq: number;
  toSeq: number;
}

/** Longest gap list kept; older entries fall off (they also fall out of the window). */
const MAX_GAPS = 64;

export interface SeriesBufferOptions {
  /** A time step larger than this between neighbours counts as a break (device was offline). */
  maxStepMs?: number;
}

export class SeriesBuffer {
  /** Metric keys, in column order. */
  readonly metrics: readonly string[];
  readonly capacity: number;
  private readonly seqs: Float64Array;
  private readonly times: Float64Array;
  private readonly columns: Float64Array[];
  private readonly scratch: (readonly number[] | undefined)[];
  private readonly maxStepMs: number;
  private head = 0;
  private count = 0;
  /** Added to wire seqs so a new server session continues after the old one (with a break). */
  private seqBase = 0;
  private readonly gapList: SeqGap[] = [];
  // The newest sample's seq and time, kept beside the columns: the frame's flush and the session
  // timeline read every device's newest time per frame and per message, and reading it from 2,000
  // devices' columns (most likely a cache miss each) was `timeAt` under `lastTime`, ~600 ms of a
  // 20 s firehose trace. Valid while count > 0.
  private newestSeq = 0;
  private newestTime = 0;

  constructor(metrics: readonly string[], capacity: number, options: SeriesBufferOptions = {}) {
    if (!Number.isInteger(capacity) || capacity < 2) {
      throw new RangeError(`capacity must be an integer >= 2, got ${capacity}`);
    }
    this.metrics = [...metrics];
    this.capacity = capacity;
    this.seqs = new Float64Array(capacity);
    this.times = new Float64Array(capacity);
    this.columns = this.metrics.map(() => new Float64Array(capacity));
    this.scratch = this.metrics.map(() => undefined);
    this.maxStepMs = options.maxStepMs ?? Number.POSITIVE_INFINITY;
  }

  /** Number of samples held (at most `capacity`). */
  get length(): number {
    return this.count;
  }

  /** Column index of a metric, or -1. */
  metricIndex(key: string): number {
    return this.metrics.indexOf(key);
  }

  /** Wire seq of the newest sample of the current session, or 0 if none: the `resume` cursor. */
  get resumeCursor(): number {
    if (this.count === 0) return 0;
    return Math.max(0, this.newestSeq - this.seqBase);
  }

  /** Time of the newest sample, or undefined when empty. */
  get lastTime(): number | undefined {
    return this.count === 0 ? undefined : this.newestTime;
  }

  /**
   * Starts a new server session: its seqs restart at 1, so they are shifted to follow the held
   * samples, leaving one missing seq so the charts break the line at the restart.
   */
  startSession(): void {
    this.seqBase = this.count === 0 ? this.seqBase : this.newestSeq + 1;
  }

  /**
   * Stores one columnar data entry (`seq` of the first sample, consecutive after it).
   * Metrics missing from `values` are stored as NaN; unknown keys are ignored.
   * Returns how many samples were new (duplicates are dropped).
   */
  ingest(
    firstSeq: number,
    times: readonly number[],
    values: Readonly<Record<string, readonly number[]>>,
  ): number {
    const n = times.length;
    const seq = this.seqBase + firstSeq;
    // Live data: every sample newer than what is held. Copied column by column, no per-sample search.
    if (n > 0 && n <= this.capacity && (this.count === 0 || seq > this.newestSeq)) {
      this.append(seq, times, values);
      return n;
    }
    for (let m = 0; m < this.metrics.length; m++) this.scratch[m] = values[this.metrics[m] as string];
    let added = 0;
    for (let i = 0; i < times.length; i++) {
      if (this.put(this.seqBase + firstSeq + i, times[i] as number, i)) added++;
    }
    for (let m = 0; m < this.scratch.length; m++) this.scratch[m] = undefined;
    return added;
  }

  /** Records samples `fromSeq..toSeq` (wire seqs, inclusive) as lost. */
  addGap(fromSeq: number, toSeq: number): void {
    this.gapList.push({ fromSeq: this.seqBase + fromSeq, toSeq: this.seqBase + toSeq });
    const oldest = this.count === 0 ? Number.NEGATIVE_INFINITY : this.seqAt(0);
    while (this.gapList.length > MAX_GAPS || (this.gapList[0] && this.gapList[0].toSeq < oldest)) {
      this.gapList.shift();
    }
  }

  /** Reported gaps still relevant to the held samples (buffer seq numbering), oldest first. */
  get gaps(): readonly SeqGap[] {
    return this.gapList;
  }

  clear(): void {
    this.head = 0;
    this.count = 0;
    this.seqBase = 0;
    this.gapList.length = 0;
  }

  /** Seq (buffer numbering) of the sample at logical index `i`. */
  seqAt(i: number): number {
    return this.seqs[this.physical(i)] as number;
  }

  /** Time (epoch ms) of the sample at logical index `i`. */
  timeAt(i: number): number {
    return this.times[this.physical(i)] as number;
  }

  /** Value of metric column `column` at logical index `i` (NaN when the sample lacked it). */
  valueAt(column: number, i: number): number {
    return (this.columns[column] as Float64Array)[this.physical(i)] as number;
  }

  /** Newest value of a metric, or undefined. */
  latest(key: string): number | undefined {
    const column = this.metricIndex(key);
    return column < 0 || this.count === 0 ? undefined : this.valueAt(column, this.count - 1);
  }

  /**
   * True when the line must break between samples `i - 1` and `i`: samples are missing
   * (a seq is skipped) or the time step is too long (the device was offline).
   */
  breaksBefore(i: number): boolean {
    if (i <= 0 || i >= this.count) return false;
    const p = this.physical(i);
    const q = this.physical(i - 1);
    return (
      (this.seqs[p] as number) !== (this.seqs[q] as number) + 1 ||
      (this.times[p] as number) - (this.times[q] as number) > this.maxStepMs
    );
  }

  /** First logical index whose time is >= `t` (length when none). */
  indexAtOrAfter(t: number): number {
    let lo = 0;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.timeAt(mid) < t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** First logical index whose time is > `t` (length when none). With indexAtOrAfter: [from, to]. */
  indexAfter(t: number): number {
    let lo = 0;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.timeAt(mid) <= t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private physical(i: number): number {
    const p = this.head + i;
    return p >= this.capacity ? p - this.capacity : p;
  }

  /** Logical index of the first sample with seq >= `seq`. */
  private seqLowerBound(seq: number): number {
    let lo = 0;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.seqAt(mid) < seq) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private put(seq: number, t: number, sourceIndex: number): boolean {
    if (this.count === 0 || seq > this.newestSeq) {
      if (this.count === this.capacity) this.dropOldest();
      this.write(this.physical(this.count), seq, t, sourceIndex);
      this.count++;
      this.newestSeq = seq;
      this.newestTime = t;
      return true;
    }
    let k = this.seqLowerBound(seq);
    if (k < this.count && this.seqAt(k) === seq) return false;
    if (this.count === this.capacity) {
      // Older than everything held in a full buffer: it would be overwritten at once.
      if (k === 0) return false;
      this.dropOldest();
      k--;
    }
    for (let j = this.count; j > k; j--) this.move(this.physical(j - 1), this.physical(j));
    this.write(this.physical(k), seq, t, sourceIndex);
    this.count++;
    return true;
  }

  /** Appends `times.length` (<= capacity) samples with consecutive seqs from `seq`, dropping the oldest. */
  private append(
    seq: number,
    times: readonly number[],
    values: Readonly<Record<string, readonly number[]>>,
  ): void {
    const n = times.length;
    const overflow = this.count + n - this.capacity;
    if (overflow > 0) {
      this.head = this.physical(overflow);
      this.count -= overflow;
    }
    const start = this.physical(this.count);
    let p = start;
    for (let i = 0; i < n; i++) {
      this.seqs[p] = seq + i;
      this.times[p] = times[i] as number;
      if (++p === this.capacity) p = 0;
    }
    for (let m = 0; m < this.columns.length; m++) {
      const column = this.columns[m] as Float64Array;
      const source = values[this.metrics[m] as string];
      p = start;
      for (let i = 0; i < n; i++) {
        const value = source === undefined ? undefined : source[i];
        column[p] = typeof value === "number" ? value : Number.NaN;
        if (++p === this.capacity) p = 0;
      }
    }
    this.count += n;
    this.newestSeq = seq + n - 1;
    this.newestTime = times[n - 1] as number;
  }

  private dropOldest(): void {
    this.head = this.physical(1);
    this.count--;
  }

  private write(p: number, seq: number, t: number, sourceIndex: number): void {
    this.seqs[p] = seq;
    this.times[p] = t;
    for (let m = 0; m < this.columns.length; m++) {
      const source = this.scratch[m];
      const value = source === undefined ? Number.NaN : source[sourceIndex];
      (this.columns[m] as Float64Array)[p] = typeof value === "number" ? value : Number.NaN;
    }
  }

  private move(from: number, to: number): void {
    this.seqs[to] = this.seqs[from] as number;
    this.times[to] = this.times[from] as number;
    for (const column of this.columns) column[to] = column[from] as number;
  }
}

/** Capacity for a device: the longest window times its rate, plus a margin for jitter and replays. */
export function bufferCapacity(windowSeconds: number, samplesPerSecond: number): number {
  return Math.max(64, Math.ceil(windowSeconds * Math.max(samplesPerSecond, 0.1) * 1.1) + 64);
}
