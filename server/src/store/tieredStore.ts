/**
 * The HistoryStore over either SQL engine: a bounded buffer committed every `commitMs` on one
 * write lane, the maintenance job on the same lane, and queries on the read side.
 * About 370 lines, kept whole: the lane, the buffer and the maintenance steps share one ordering
 * (what commits before what), and each step's work already lives in its own module (byteCap,
 * compaction, rollupJob, historySql); this file is the order they run in.
 */

import { type CappedTable, checkCappedTable, EVENT_TABLES, enforceByteCap } from "./byteCap";
import { adoptSortedRun, type CompactionRows, compactionRowsFor, compactNext } from "./compaction";
import {
  bucketRows,
  byId,
  countSamples,
  deviceSeries,
  pivot,
  rawRows,
  type SeriesInfo,
  samplesOf,
  seriesOf,
  watermarks,
  writeBatch,
} from "./historySql";
import {
  type HistoryAnswer,
  type HistoryQuery,
  type HistoryStore,
  HistoryStoreError,
  MAX_DECIMALS,
  PAST_RUN_MS,
  STORE_DEFAULTS,
  type StoredSample,
  type StoreOptions,
  type StoreStats,
} from "./historyStore";
import { planQuery, type Retention, validateQuery } from "./queryPlan";
import { expireAlerts, nextSliceMs, ROLLUP_SLICE_MS, rollUp } from "./rollupJob";
import { SampleBuffer } from "./sampleBuffer";
import type { SqlEngine } from "./sqlEngine";

/** Maintenance runs between two measures of bytes per tier (stats only; the cap needs none). */
const TIER_BYTES_EVERY = 30;

/** Longest `close` waits for buffered samples to commit. */
const CLOSE_WAIT_MS = 5_000;

export class TieredStore implements HistoryStore {
  private readonly options: Required<StoreOptions>;
  private readonly retention: Retention;
  private readonly buffer: SampleBuffer;
  private readonly series = new Map<string, SeriesInfo>();
  private lane: Promise<unknown> = Promise.resolve();
  private committing = false;
  private committedSeq = 0;
  private waiters: Array<{ seq: number; done: () => void }> = [];
  private readonly timers: NodeJS.Timeout[];
  private closed = false;
  private maintaining: Promise<void> | undefined;
  private maintainAgain: Promise<void> | undefined;
  private readonly compactionRows: CompactionRows;
  private runs = 0;
  /** The newest sample time committed since open (rollups stay behind it: rollupJob.ts). */
  private front: number | undefined;
  /**
   * A writer of the past (`pastComplete`): every sample before `until` is appended (rollups and
   * compaction stay behind it); `since` is the rows committed when it last claimed a sorted run.
   */
  private past: { until: number; since: number } | undefined;
  /** Periods a writer of the past says it wrote in whole series runs, for compaction to adopt. */
  private sortedRuns: Array<{ to: number; rows: number }> = [];
  /**
   * The minute watermark as the last commit read it, forgotten at every rollup (the one thing that
   * raises it, on this lane), so a commit never checks against a watermark lower than the stored.
   * writeBatch trusts it only on an engine with one writer (`insertRawAlone`).
   */
  private minuteMark: number | undefined;
  /** Source time per rollup transaction, adapted to how long the last one held the lane. */
  private sliceMs = ROLLUP_SLICE_MS;
  private readonly capped: CappedTable[] = [...EVENT_TABLES];
  private readonly counters = {
    valuesWritten: 0,
    commitMs: { last: 0, max: 0 },
    bytes: { raw: 0, "1m": 0, "1h": 0, total: 0, used: 0 },
    lastError: undefined as string | undefined,
    queryMs: [] as number[],
    unavailable: false,
  };

  /**
   * The engine underneath, public so that other tables can live in the same database (the
   * alert tables: server/src/alerts/storeEngine.ts); the maintenance job expires them too.
   */
  constructor(
    readonly engine: SqlEngine,
    options: StoreOptions = {},
  ) {
    this.options = { ...STORE_DEFAULTS, ...options };
    if (!(this.options.commitMs > 0 && this.options.commitMs <= 1000))
      throw new RangeError(`commitMs: expected 1..1000, got ${this.options.commitMs}`);
    const { decimals } = this.options;
    if (!(Number.isInteger(decimals) && decimals >= 0 && decimals <= MAX_DECIMALS))
      throw new RangeError(`decimals: expected an integer 0..${MAX_DECIMALS}, got ${decimals}`);
    const { retentionRaw, retention1m, retention1h } = this.options;
    this.retention = { raw: retentionRaw, "1m": retention1m, "1h": retention1h };
    this.buffer = new SampleBuffer(this.options.bufferBytes, decimals);
    this.compactionRows = compactionRowsFor(this.options.maxBytes);
    this.timers = [
      setInterval(() => void this.commit(), this.options.commitMs),
      setInterval(() => void this.maintain().catch(() => {}), this.options.maintainMs),
    ];
    for (const timer of this.timers) timer.unref();
  }

  /**
   * Puts another table of this database under the byte cap: when the store is over it, the oldest
   * rows by `time` (BIGINT ms) go, with the logbook's and the alert log's, after rolled-up raw
   * samples and before any rollup (byteCap.ts). Registering a table twice changes nothing.
   */
  capTable(entry: CappedTable): void {
    const checked = checkCappedTable(entry);
    if (!this.capped.some((known) => known.table === checked.table)) this.capped.push(checked);
  }

  append(
    device: string,
    time: number,
    metrics: readonly string[],
    values: ArrayLike<number>,
    decimals?: ArrayLike<number>,
  ): boolean {
    if (this.closed) return false;
    return this.buffer.append(device, time, metrics, values, decimals);
  }

  flush(): Promise<void> {
    const seq = this.buffer.appended;
    if (this.committedSeq >= seq) return Promise.resolve();
    const done = new Promise<void>((resolve) => this.waiters.push({ seq, done: resolve }));
    void this.commit();
    return done;
  }

  async pastComplete(time: number | undefined): Promise<void> {
    await this.flush();
    if (time === undefined) {
      this.past = undefined;
      return;
    }
    const written = this.counters.valuesWritten;
    this.past ??= { until: time, since: written };
    const past = this.past;
    if (this.engine.compacts && time % PAST_RUN_MS === 0) {
      this.sortedRuns.push({ to: time, rows: written - past.since });
      past.since = written;
    }
    past.until = Math.max(past.until, time);
  }

  /** Commits sealed batches oldest first; on failure keeps them for the next tick. */
  private async commit(): Promise<void> {
    if (this.committing) return;
    this.committing = true;
    try {
      this.buffer.seal();
      for (let batch = this.buffer.oldest(); batch; batch = this.buffer.oldest()) {
        const started = performance.now();
        const current = batch;
        await this.onLane(async () => {
          const series = await seriesOf(this.engine, current.keys, current.decimals, this.series);
          this.minuteMark = await writeBatch(this.engine, current, series, this.minuteMark);
        });
        const took = performance.now() - started;
        this.counters.commitMs = { last: took, max: Math.max(took, this.counters.commitMs.max) };
        this.counters.valuesWritten += current.rows;
        this.front = Math.max(this.front ?? current.newest, current.newest);
        this.counters.unavailable = false;
        this.counters.lastError = undefined;
        this.buffer.committed();
        this.committedSeq = current.lastSeq;
      }
      // Samples with no finite value add no rows; once nothing is left they count as committed.
      if (this.buffer.empty) this.committedSeq = Math.max(this.committedSeq, this.buffer.appended);
      const ready = this.waiters.filter((w) => w.seq <= this.committedSeq);
      this.waiters = this.waiters.filter((w) => w.seq > this.committedSeq);
      for (const waiter of ready) waiter.done();
    } catch (error) {
      this.counters.unavailable = true;
      this.counters.lastError = `commit failed: ${(error as Error).message}`;
    } finally {
      this.committing = false;
    }
  }

  private onLane<T>(work: () => Promise<T>): Promise<T> {
    const run = this.lane.then(work, work);
    this.lane = run.catch(() => {});
    return run;
  }

  /**
   * One run at a time: a call during a run (a timer tick during a backfill's compaction) waits
   * for it and then runs once more with the clock of that moment; calls meanwhile share that run.
   */
  maintain(): Promise<void> {
    if (this.maintaining) {
      this.maintainAgain ??= this.maintaining
        .catch(() => {})
        .then(() => {
          this.maintainAgain = undefined;
          return this.maintain();
        });
      return this.maintainAgain;
    }
    this.maintaining = this.runMaintenance().finally(() => {
      this.maintaining = undefined;
    });
    return this.maintaining;
  }

  /**
   * Only the rollup (with retention, one transaction per slice) takes the write lane: it must not interleave
   * with a commit's watermark check. Compaction and the byte cap run beside commits on the
   * engine's other connection (commits only append), so they do not stretch the commit window.
   */
  private async runMaintenance(): Promise<void> {
    const now = this.options.now();
    const clock = { now, hold: this.past?.until };
    const beside = this.engine.beside ?? this.engine;
    try {
      await this.rollUpToFront();
      let slices = 0;
      if (this.engine.compacts) {
        // Claims first, in order: compaction must not rewrite a period a writer of the past wrote sorted.
        for (const run of this.sortedRuns.splice(0)) await adoptSortedRun(beside, run.to, run.rows);
        while (
          !this.closed &&
          (await compactNext(beside, clock, this.retention, this.compactionRows, () => this.closed))
        ) {
          slices++;
          // Between periods too: behind a backfill's compaction the watermark lagged 4 hours at
          // ready, and 24 h queries read those hours from unsorted raw (p95 34 -> 75 ms).
          await this.rollUpToFront();
        }
      }
      if (this.closed) return;
      await expireAlerts(beside, now - this.retention["1h"]);
      const bytes = await enforceByteCap(beside, this.options.maxBytes, slices > 0, this.capped);
      // The split per tier scans every table's storage: only every TIER_BYTES_EVERY runs.
      const tiers = this.runs++ % TIER_BYTES_EVERY === 0 ? await beside.bytes(true) : this.counters.bytes;
      this.counters.bytes = { ...tiers, total: bytes.total, used: bytes.used };
    } catch (error) {
      this.counters.lastError = `maintenance failed: ${(error as Error).message}`;
      throw error;
    }
  }

  /** Rolls up to the clock and the front, slice by slice, each its own turn on the lane (rollupJob.ts). */
  private async rollUpToFront(): Promise<void> {
    const hold = this.past?.until;
    const front = hold === undefined ? this.front : Math.min(this.front ?? hold, hold);
    const clock = { now: this.options.now(), front };
    for (let done = false; !done && !this.closed; )
      done = await this.onLane(async () => {
        // Timed on the lane, not from the call: waiting behind a backfill's commits (~220 ms
        // each) shrank the slices to a minute and the watermark lagged hours behind.
        const started = performance.now();
        this.minuteMark = undefined;
        const reached = await rollUp(this.engine, clock, this.retention, this.sliceMs);
        this.sliceMs = nextSliceMs(this.sliceMs, performance.now() - started);
        return reached;
      });
  }

  async query(q: HistoryQuery): Promise<HistoryAnswer> {
    validateQuery(q);
    const started = performance.now();
    try {
      const series = await deviceSeries(this.engine.read, q.device);
      const metrics = q.metrics ?? [...series.keys()].sort();
      const unknown = series.size > 0 ? metrics.find((m) => !series.has(m)) : undefined;
      if (unknown) throw new HistoryStoreError("bad_request", `metrics: unknown metric '${unknown}'`);
      const ids = metrics.flatMap((m) => series.get(m)?.id ?? []);
      const now = this.options.now();
      const plan = planQuery(q, now, this.retention);
      const answer = (tier: HistoryAnswer["tier"], bucketMs: number, rows: unknown[][]): HistoryAnswer => ({
        device: q.device,
        from: q.from,
        to: q.to,
        tier,
        bucketMs,
        ...pivot(rows, byId(series), metrics),
      });
      if (ids.length === 0) return answer(plan.tier, plan.bucketMs, []);
      if (q.from >= now - this.retention.raw) {
        const samples = await countSamples(this.engine.read, ids, q.from, q.to, q.points);
        if (samples <= q.points) {
          const rows = await rawRows(this.engine.read, ids, q.from - 1, q.to, q.points);
          return answer(
            "raw",
            1,
            rows.map(([s, t, v]) => [s, t, v, v, v, 1]),
          );
        }
      }
      const marks = await watermarks(this.engine.read);
      const rows = await bucketRows(this.engine.read, ids, plan.tier, plan.bucketMs, q.from, q.to, marks);
      return answer(plan.tier, plan.bucketMs, rows);
    } catch (error) {
      if (error instanceof HistoryStoreError) throw error;
      throw new HistoryStoreError("store_unavailable", `history query failed: ${(error as Error).message}`);
    } finally {
      this.counters.queryMs.push(performance.now() - started);
      if (this.counters.queryMs.length > 100) this.counters.queryMs.shift();
    }
  }

  async newestTimes(devices?: readonly string[]): Promise<Map<string, number>> {
    const filter = devices
      ? `WHERE s.device IN (${devices.map((_, i) => `$${i + 1}`).join(", ") || "NULL"})`
      : "";
    const rows = await this.engine.read.run(
      `SELECT s.device, max(r.t) FROM history_raw r JOIN history_series s ON s.id = r.series ${filter} GROUP BY s.device`,
      devices ?? [],
    );
    return new Map(rows.map(([device, t]) => [device as string, Number(t)]));
  }

  async readRaw(device: string, afterTime: number, limit: number): Promise<StoredSample[]> {
    const series = await deviceSeries(this.engine.read, device);
    if (series.size === 0 || limit < 1) return [];
    const rows = await rawRows(
      this.engine.read,
      [...series.values()].map((info) => info.id),
      afterTime,
      Number.MAX_SAFE_INTEGER,
      limit,
    );
    return samplesOf(rows, byId(series));
  }

  stats(): StoreStats {
    const c = this.counters;
    return {
      engine: this.engine.name,
      valuesWritten: c.valuesWritten,
      samplesDropped: this.buffer.dropped,
      bufferedBytes: this.buffer.bytes,
      commitMs: { ...c.commitMs },
      bytes: { ...c.bytes },
      lastError: c.lastError,
      queryMs: [...c.queryMs],
      unavailable: c.unavailable,
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const timer of this.timers) clearInterval(timer);
    const flushed = this.flush();
    const retry = setInterval(() => void this.commit(), this.options.commitMs);
    let giveUp: NodeJS.Timeout | undefined;
    await Promise.race([flushed, new Promise((done) => (giveUp = setTimeout(done, CLOSE_WAIT_MS)))]);
    clearTimeout(giveUp);
    clearInterval(retry);
    await this.maintaining?.catch(() => {});
    await this.lane;
    await this.engine.close();
  }
}
