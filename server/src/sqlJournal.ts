/**
 * A journal table in the history store's database: lines appended in time order, unique by id,
 * read newest first by cursor, expired by age. The logbook (`fleet_log`) and the audit trail
 * (`audit_log`) are both kept this way. Lines wait in a bounded BatchWriter and are written every
 * `writeMs` (`JOURNAL_WRITE_MS` unless the table says), each batch one autocommitted INSERT on the
 * engine's read side (as in
 * sqlAlertLog.ts: it never interleaves with the history commits); a line already stored (same id,
 * a retried batch or another server sharing PostgreSQL) is kept once.
 */

import { BatchWriter } from "./batchWriter";
import { rewriteStatements } from "./store/byteCap";
import type { Cell, Rows, SqlEngine } from "./store/sqlEngine";

/** How often waiting lines are written, ms: well inside the store's 250 ms commit window. */
export const JOURNAL_WRITE_MS = 100;
/**
 * How often the busy event tables (the alert log, the logbook) are written, ms. On DuckDB each
 * batch costs a few statements of ~1-3.5 ms of CPU whatever its size (and `alert_state`'s upsert
 * more), so writing them four times a second with the samples' 250 ms commit window cost the
 * simulated fleet ~5 points of a core more than once a second (docs/STORAGE.md, "Event tables").
 * A `kill -9` loses at most this window of lines plus a write in flight, about a second.
 */
export const EVENT_WRITE_MS = 1000;
/** Lines per INSERT. */
const CHUNK = 200;
/** Advisory lock key held while PostgreSQL creates tables (servers starting together). */
const SCHEMA_LOCK = 1_795_017;

/** A table: its name, its BIGINT time column (quoted in SQL: DuckDB reserves `at`) and the text columns after `id` and time. */
export interface JournalSpec {
  table: string;
  time: string;
  columns: readonly { name: string; nullable?: boolean }[];
  /**
   * How often waiting lines are written, ms (default `JOURNAL_WRITE_MS`). A busy table writes
   * less often (`EVENT_WRITE_MS`): on DuckDB each INSERT costs ~1-3.5 ms of CPU whatever its size
   * up to a few dozen rows (docs/STORAGE.md, "Event tables").
   */
  writeMs?: number;
}

/** One line as stored: id, time, and the column values in `columns` order ("" or null: NULL). */
export interface JournalRow {
  id: string;
  at: number;
  values: readonly (string | null | undefined)[];
}

/** What a read asks: `[from, to)`, column matches, older than the cursor, newest first. */
export interface JournalQuery {
  from: number;
  to: number;
  /** Per column: a value it must equal, or a list holding it; undefined matches all. */
  match: Readonly<Record<string, string | readonly string[] | undefined>>;
  before: { at: number; id: string } | undefined;
  limit: number;
}

/** `$n` placeholders for `values`, appended to `params`. */
export function bind(params: string[], ...values: string[]): string[] {
  return values.map((value) => `$${params.push(value)}`);
}

const int = (value: number): string => String(Math.trunc(value));

/** DDL for `engine`; every statement may run again on an existing database. */
export function journalSchema(engine: "duckdb" | "postgres", spec: JournalSpec): string[] {
  const pg = engine === "postgres";
  const text = pg ? "TEXT" : "VARCHAR";
  const columns = spec.columns.map((c) => `${c.name} ${text}${c.nullable ? "" : " NOT NULL"}`);
  return [
    ...(pg ? [`SELECT pg_advisory_xact_lock(${SCHEMA_LOCK})`] : []),
    `CREATE TABLE IF NOT EXISTS ${spec.table} (id ${text} PRIMARY KEY, "${spec.time}" BIGINT NOT NULL, ${columns.join(", ")})`,
    ...(pg
      ? [
          `CREATE INDEX IF NOT EXISTS ${spec.table}_${spec.time} ON ${spec.table} ("${spec.time}" DESC, id DESC)`,
        ]
      : []),
  ];
}

/** Runs DDL: in one transaction under PostgreSQL (with its advisory lock), on the read side in DuckDB. */
export async function createTables(engine: SqlEngine, statements: readonly string[]): Promise<void> {
  if (engine.name === "postgres")
    await engine.transaction(async (tx) => {
      for (const statement of statements) await tx.run(statement);
    });
  else for (const statement of statements) await engine.read.run(statement);
}

/** Creates the table if absent and returns its journal. */
export async function openJournal<T>(
  engine: SqlEngine,
  spec: JournalSpec,
  toRow: (line: T) => JournalRow,
  queueLimit: number,
): Promise<SqlJournal<T>> {
  await createTables(engine, journalSchema(engine.name, spec));
  return new SqlJournal(engine, spec, toRow, queueLimit);
}

/** Engines whose appender stopped fitting a table (a column added since): INSERT from then on. */
const noAppender = new WeakMap<SqlEngine, Set<string>>();

/**
 * Appends rows to an event table through the engine's appender (DuckDB), true when they are
 * stored. False, to INSERT them with `ON CONFLICT DO NOTHING` instead, on PostgreSQL, or when the
 * append failed (it then stored none): a key already stored (an id reused across restarts, a
 * batch retried) is skipped by the INSERT. Rows that do not fit the table's columns (a column
 * added since) turn the appender off for that table.
 */
export async function appendOrFallBack(
  engine: SqlEngine,
  table: string,
  rows: () => readonly (readonly Cell[])[],
): Promise<boolean> {
  if (!engine.appendRows || noAppender.get(engine)?.has(table)) return false;
  try {
    await engine.appendRows(table, rows());
    return true;
  } catch (error) {
    // DuckDB: "Call to EndRow before all columns have been appended to!", "Too many appends for chunk!"
    if (/all columns|too many appends/i.test((error as Error).message)) {
      const tables = noAppender.get(engine) ?? new Set<string>();
      noAppender.set(engine, tables.add(table));
    }
    return false;
  }
}

export class SqlJournal<T> {
  private readonly queue: BatchWriter<T>;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly engine: SqlEngine,
    private readonly spec: JournalSpec,
    private readonly toRow: (line: T) => JournalRow,
    queueLimit: number,
  ) {
    this.queue = new BatchWriter<T>(queueLimit, CHUNK, (batch) => this.insert(batch));
    this.timer = setInterval(() => void this.flush().catch(() => {}), spec.writeMs ?? JOURNAL_WRITE_MS);
    this.timer.unref();
  }

  /** Queues a line (never blocks, never throws); false, and counted, when the queue is full. */
  add(line: T): boolean {
    return this.queue.add(line);
  }

  /** Lines refused because the write queue was full (the database down too long). */
  get dropped(): number {
    return this.queue.dropped;
  }

  /** Writes what waits, one batch at a time; a failed batch stays for the next turn. */
  flush(): Promise<void> {
    return this.queue.flush();
  }

  private async insert(batch: readonly T[]): Promise<void> {
    const lines = batch.map(this.toRow);
    if (await appendOrFallBack(this.engine, this.spec.table, () => lines.map((row) => this.cells(row))))
      return;
    const params: string[] = [];
    const { table, time, columns } = this.spec;
    const rows = lines.map((row) => {
      const [id, ...values] = bind(params, row.id, ...row.values.map((value) => value ?? ""));
      const cells = values.map((value, i) => (columns[i]?.nullable ? `NULLIF(${value}, '')` : value));
      return `(${id}, ${int(row.at)}, ${cells.join(", ")})`;
    });
    const names = columns.map((c) => c.name).join(", ");
    await this.engine.read.run(
      `INSERT INTO ${table} (id, "${time}", ${names}) VALUES ${rows.join(", ")} ON CONFLICT (id) DO NOTHING`,
      params,
    );
  }

  /** A line as the appender takes it: id, time, then the columns ("" or null: NULL where nullable). */
  private cells(row: JournalRow): Cell[] {
    const values = row.values.map((value, i) =>
      this.spec.columns[i]?.nullable ? value || null : (value ?? ""),
    );
    return [row.id, Math.trunc(row.at), ...values];
  }

  /** `columns` of the lines `query` asks for, newest first, after writing what waits. */
  async select(columns: string, query: JournalQuery): Promise<Rows> {
    await this.flush();
    const { table } = this.spec;
    const time = `"${this.spec.time}"`;
    const params: string[] = [];
    const where = [`${time} >= ${int(query.from)}`, `${time} < ${int(query.to)}`];
    for (const [column, wanted] of Object.entries(query.match)) {
      if (!this.spec.columns.some((c) => c.name === column)) throw new Error(`${table} has no ${column}`);
      if (typeof wanted === "string") where.push(`${column} = ${bind(params, wanted)[0]}`);
      else if (wanted) where.push(`${column} IN (${bind(params, ...wanted).join(", ") || "NULL"})`);
    }
    if (query.before) {
      const [id] = bind(params, query.before.id);
      const at = int(query.before.at);
      where.push(`(${time} < ${at} OR (${time} = ${at} AND id < ${id}))`);
    }
    return this.engine.read.run(
      `SELECT ${columns} FROM ${table} WHERE ${where.join(" AND ")} ORDER BY ${time} DESC, id DESC LIMIT ${int(query.limit)}`,
      params,
    );
  }

  /**
   * Deletes lines older than `before` (retention), after writing what waits (it may be as old).
   * DuckDB frees no space of rows deleted from a keyed table (docs/STORAGE.md, byte cap), so there
   * the table is rewritten without them, as the byte cap does, when any has expired.
   */
  async prune(before: number): Promise<void> {
    await this.flush();
    const { table, time } = this.spec;
    if (this.engine.name !== "duckdb") {
      await this.engine.read.run(`DELETE FROM ${table} WHERE "${time}" < ${int(before)}`);
      return;
    }
    const [expired] = await this.engine.read.run(
      `SELECT count(*) FROM ${table} WHERE "${time}" < ${int(before)}`,
    );
    if (Number(expired?.[0] ?? 0) === 0 || !this.engine.runAlone) return;
    const statements = await rewriteStatements(this.engine, { table, time }, Math.trunc(before));
    // Not on the write or maintenance connection: their transactions (commits, compaction
    // slices) run on their own schedule, and a second one there would interleave with them.
    if (statements) await this.engine.runAlone(statements);
  }

  /** Stops the timer and writes what waits (if the database answers). */
  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.flush().catch(() => {});
  }
}
