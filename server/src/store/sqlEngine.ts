/**
 * What the tiered store needs from a SQL engine. Both engines run the same statements (see
 * historySql.ts and rollupJob.ts) on the same tables; only the DDL, the bulk insert, row locks
 * and the byte counting differ.
 */

/** Rows as arrays, integers as JS numbers. */
export type Rows = unknown[][];

/** Runs one statement; `$1..$n` are bound from `params` (strings only; numbers are inlined). */
export interface SqlRunner {
  run(sql: string, params?: readonly string[]): Promise<Rows>;
}

/** The first column of the first row of `sql` as a number; undefined when there is none or it is NULL. */
export async function scalar(db: SqlRunner, sql: string): Promise<number | undefined> {
  const [row] = await db.run(sql);
  return row?.[0] === null || row?.[0] === undefined ? undefined : Number(row[0]);
}

/** A transaction on the engine's write side. */
export interface SqlTransaction extends SqlRunner {
  /**
   * Appends long-format rows to history_raw. PostgreSQL skips rows whose (series, t) is already
   * stored (several servers write the same samples); DuckDB removes such repeats when it compacts.
   * The arrays' buffers may be taken (DuckDB transfers them to its worker thread: copying every
   * commit's rows on both sides was garbage for V8's collector threads): pass arrays that own
   * their buffers, and do not read them after the call.
   */
  insertRaw(
    series: Int32Array<ArrayBuffer>,
    t: Float64Array<ArrayBuffer>,
    v: Float64Array<ArrayBuffer>,
  ): Promise<void>;
}

/** Bytes per tier as the engine can attribute them, the whole store on disk, and what the cap counts. */
export interface TierBytes {
  raw: number;
  "1m": number;
  "1h": number;
  /** Files on disk (DuckDB: database + WAL; PostgreSQL: the history tables with indexes). */
  total: number;
  /** Bytes in use, without space freed for reuse: what `maxBytes` is enforced on. */
  used: number;
}

/** A cell appended by `appendRows`: text, a number (cast to the column's type), or NULL. */
export type Cell = string | number | null;

/** An open engine with the history tables created. */
export interface SqlEngine {
  /**
   * DuckDB only: appends whole rows (every column, in table order) to `table` through an appender,
   * one autocommitted append; a failure (a duplicate key, a column count that does not match)
   * commits none of them. An INSERT with bound parameters costs ~0.25 ms of CPU a row on the
   * alert and log tables; the appender skips parsing and binding. Absent on PostgreSQL.
   */
  appendRows?(table: string, rows: readonly (readonly Cell[])[]): Promise<void>;
  /**
   * DuckDB only: runs `statements` in one transaction on the appends' connection, after the
   * appends queued before (a rewrite of an event table beside the write lane and maintenance).
   */
  runAlone?(statements: readonly string[]): Promise<void>;
  /**
   * DuckDB only: `insertRaw` as one autocommitted append on the write side, outside a transaction
   * (a commit with no late rows needs nothing else: one statement instead of BEGIN, the watermark's
   * SELECT, the append and COMMIT). Only for an engine with one writer, whose watermark the store
   * knows (tieredStore.ts); absent on PostgreSQL, where other servers move it.
   */
  insertRawAlone?(
    series: Int32Array<ArrayBuffer>,
    t: Float64Array<ArrayBuffer>,
    v: Float64Array<ArrayBuffer>,
  ): Promise<void>;
  readonly name: "duckdb" | "postgres";
  /**
   * Whether closed periods are rewritten sorted by (series, t) (compaction.ts): DuckDB, whose
   * zone maps and compression need sorted runs; PostgreSQL reads through its (series, t) index.
   */
  readonly compacts: boolean;
  /** `FOR SHARE` / `FOR UPDATE` clauses, needed when several servers write (PostgreSQL). */
  readonly lockShare: string;
  readonly lockUpdate: string;
  /**
   * The same engine with transactions on another connection, for maintenance that may run
   * beside commits (compaction, the byte cap; DuckDB). Absent: `transaction` already runs beside
   * other transactions (PostgreSQL's pool).
   */
  readonly beside?: SqlEngine;
  /** Reads on their own connection, concurrent with writes. */
  readonly read: SqlRunner;
  /** Runs `body` in one transaction on the write side; rolls back when it throws. */
  transaction<T>(body: (tx: SqlTransaction) => Promise<T>): Promise<T>;
  /** Whether `bytes()` counts from statistics only `reclaim()` refreshes (PostgreSQL's VACUUM ANALYZE). */
  readonly measuresAfterReclaim: boolean;
  /**
   * Used and total bytes; the split per tier only when `tiers` (it may scan every table). `others`
   * are further tables in the cap (byteCap.ts): DuckDB's counts cover the whole file anyway;
   * PostgreSQL adds theirs.
   */
  bytes(tiers?: boolean, others?: readonly string[]): Promise<TierBytes>;
  /** Makes deleted space reusable (DuckDB CHECKPOINT, PostgreSQL VACUUM, of `others` too). */
  reclaim(others?: readonly string[]): Promise<void>;
  close(): Promise<void>;
}

/** Table of each tier (same names in both engines). */
export const TIER_TABLE = { raw: "history_raw", "1m": "history_minute", "1h": "history_hour" } as const;

/**
 * Engine-neutral DDL parts; engines add their types, sequences and indexes. `scaled` is the type of
 * a value, minimum and maximum: integers scaled by 10^decimals of their series (`history_series.
 * decimals`), BIGINT in DuckDB (bitpacked), DOUBLE PRECISION in PostgreSQL (exact below 2^53, and
 * a store made before scaling keeps its unscaled rows: their series' decimals are NULL).
 */
export function schemaStatements(types: {
  text: string;
  double: string;
  scaled: string;
  serialId: string;
}): string[] {
  const rollup = (name: string) =>
    `CREATE TABLE IF NOT EXISTS ${name} (series INTEGER NOT NULL, t BIGINT NOT NULL, mn ${types.scaled} NOT NULL, mx ${types.scaled} NOT NULL, sm ${types.double} NOT NULL, c BIGINT NOT NULL)`;
  return [
    `CREATE TABLE IF NOT EXISTS history_series (id ${types.serialId}, device ${types.text} NOT NULL, metric ${types.text} NOT NULL, decimals INTEGER, UNIQUE (device, metric))`,
    `CREATE TABLE IF NOT EXISTS history_raw (series INTEGER NOT NULL, t BIGINT NOT NULL, v ${types.scaled} NOT NULL)`,
    rollup("history_minute"),
    rollup("history_hour"),
    "CREATE TABLE IF NOT EXISTS history_dirty (series INTEGER NOT NULL, t_from BIGINT NOT NULL, t_to BIGINT NOT NULL)",
    `CREATE TABLE IF NOT EXISTS history_rollup (tier ${types.text} PRIMARY KEY, rolled_to BIGINT NOT NULL)`,
    // 'raw sorted', 'raw merged', '1m sorted': how far each compaction pass got (compaction.ts).
    // 'raw deleted', '1m deleted': below these, retention or the cap deleted the tier (rollupJob.ts).
    "INSERT INTO history_rollup VALUES ('1m', 0), ('1h', 0), ('raw sorted', 0), ('raw merged', 0), ('1m sorted', 0), ('raw deleted', 0), ('1m deleted', 0) ON CONFLICT DO NOTHING",
    // Compacted periods that late samples or re-rolled minutes made unsorted again.
    `CREATE TABLE IF NOT EXISTS history_resort (tier ${types.text} NOT NULL, t_from BIGINT NOT NULL, t_to BIGINT NOT NULL)`,
  ];
}
