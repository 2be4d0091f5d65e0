/**
 * The durable history store: one interface, two engines (embedded DuckDB by default, PostgreSQL
 * for several servers sharing one store). See docs/STORAGE.md for the measurements behind it.
 */

/** A storage tier: raw samples, or rollups per minute / per hour. */
export type TierName = "raw" | "1m" | "1h";

/** Rollup of one metric over the answer's buckets; arrays align with `HistoryAnswer.t`. */
export interface MetricBuckets {
  min: Array<number | null>;
  max: Array<number | null>;
  avg: Array<number | null>;
  /** Samples in the bucket; 0 (with nulls) when another metric of the device had one there. */
  count: number[];
}

/** The answer of `GET /api/history` (issue 12), field for field. */
export interface HistoryAnswer {
  device: string;
  from: number;
  to: number;
  tier: TierName;
  /** Bucket width; 1 when raw samples come back one per bucket. */
  bucketMs: number;
  /** Bucket starts (or sample times for one-per-bucket raw), ascending; empty buckets left out. */
  t: number[];
  metrics: Record<string, MetricBuckets>;
}

/** A history question: `[from, to)` in ms since the epoch, at most `points` buckets. */
export interface HistoryQuery {
  device: string;
  from: number;
  to: number;
  points: number;
  /** Default: every metric the store holds for the device. */
  metrics?: string[];
}

/** One stored sample as read back for resume. */
export interface StoredSample {
  time: number;
  metrics: string[];
  values: number[];
}

/** What `/metrics` and the Health page report about the store. */
export interface StoreStats {
  engine: "duckdb" | "postgres";
  valuesWritten: number;
  samplesDropped: number;
  bufferedBytes: number;
  /** Duration of the last commits, ms (write latency). */
  commitMs: { last: number; max: number };
  /** Bytes on disk per tier as last measured by the maintenance job; `total` includes overhead. */
  bytes: { raw: number; "1m": number; "1h": number; total: number; used: number };
  /** Last write or maintenance error, cleared by the next success. */
  lastError: string | undefined;
  /** Durations of recent queries, ms, newest last (at most 100). */
  queryMs: number[];
  /** True when the last commit attempt failed (engine unreachable). */
  unavailable: boolean;
}

/** The durable history of the fleet. Never blocks the event loop; never throws from `append`. */
export interface HistoryStore {
  /**
   * Queues one sample; returns false (and counts a drop) when the bounded buffer is full or the
   * sample is malformed. `decimals[i]` (0..9, default `StoreOptions.decimals`) is what metric i is
   * rounded to: the value is stored as an integer count of 10^-decimals and reads back exactly as
   * `Math.round(value * 10 ** d) / 10 ** d`. A metric keeps the decimals its series was created with.
   */
  append(
    device: string,
    time: number,
    metrics: readonly string[],
    values: ArrayLike<number>,
    decimals?: ArrayLike<number>,
  ): boolean;
  /** Resolves once everything appended so far is committed (waits through an outage). */
  flush(): Promise<void>;
  /** Buckets of one device's history; rejects with `HistoryStoreError` (`bad_request`, `store_unavailable`). */
  query(q: HistoryQuery): Promise<HistoryAnswer>;
  /** Newest stored raw sample time per device (all devices when `devices` is omitted). */
  newestTimes(devices?: readonly string[]): Promise<Map<string, number>>;
  /** Raw samples of `device` with time > `afterTime`, ascending, at most `limit` samples. */
  readRaw(device: string, afterTime: number, limit: number): Promise<StoredSample[]>;
  /**
   * For a writer of the past that appends device by device (the simulator's backfill): every
   * sample before `time` is appended. Commits what is buffered; from the first call on, rollups
   * and compaction stay behind the latest `time`, however far ahead some series already are
   * (their rows would otherwise be rolled up before the other devices' arrive, and re-rolled as
   * late). At a `time` on a `PAST_RUN_MS` boundary, when the rows committed since the last such
   * call are all the store holds of the periods they fill, compaction takes those periods as
   * already sorted (whole series runs) instead of rewriting them. `undefined` ends it.
   */
  pastComplete(time: number | undefined): Promise<void>;
  /** Runs the periodic job now: rollups, retention, byte cap. */
  maintain(): Promise<void>;
  stats(): StoreStats;
  /** Commits what is buffered (bounded wait), stops timers, releases the engine and its lock. */
  close(): Promise<void>;
}

/** Options common to both engines. Durations in ms. */
export interface StoreOptions {
  retentionRaw?: number;
  retention1m?: number;
  retention1h?: number;
  /** Hard cap on the store's bytes on disk; the oldest data goes first. */
  maxBytes?: number;
  /** Bound of the write buffer (samples waiting for a commit); beyond it samples are dropped. */
  bufferBytes?: number;
  /** Commit window: buffered samples are committed at least this often (<= 1000). */
  commitMs?: number;
  /** How often the maintenance job (rollups, retention, cap) runs. */
  maintainMs?: number;
  /**
   * Decimals of a metric appended without its own (0..9). Values are stored as integers scaled by
   * 10^decimals, which the embedded store bitpacks (docs/STORAGE.md); the gateway passes each
   * metric's `decimals`, the rounding it already applies to what it sends.
   */
  decimals?: number;
  /** Clock, for tests that write history at explicit times. */
  now?: () => number;
}

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

/**
 * A writer of the past (`pastComplete`) writes device by device in periods of this length,
 * aligned to it: compaction's merged period (compaction.ts), so what it writes needs no rewrite.
 */
export const PAST_RUN_MS = 6 * HOUR_MS;

/** Most decimals a metric is stored with. */
export const MAX_DECIMALS = 9;

/** Defaults of issue 12. */
export const STORE_DEFAULTS = {
  retentionRaw: DAY_MS,
  retention1m: 30 * DAY_MS,
  retention1h: 365 * DAY_MS,
  maxBytes: 2 * 1024 ** 3,
  bufferBytes: 64 * 1024 ** 2,
  commitMs: 250,
  maintainMs: 10_000,
  decimals: 6,
  now: Date.now,
} satisfies Required<StoreOptions>;

/** Error codes the gateway maps to HTTP: bad_request 400, store_unavailable 503. */
export type HistoryStoreErrorCode = "bad_request" | "store_unavailable" | "store_locked" | "store_invalid";

/** A store error with a stable code and a message naming what was wrong. */
export class HistoryStoreError extends Error {
  constructor(
    readonly code: HistoryStoreErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "HistoryStoreError";
  }
}
