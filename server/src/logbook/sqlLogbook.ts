/**
 * The logbook in the history store's database (DuckDB with `--data`, PostgreSQL with `--store`):
 * table `fleet_log`, one row per entry, unique by id (servers sharing PostgreSQL each log their
 * own start, and each the fleet's events they saw). As in sqlAlertLog.ts, every write is one
 * autocommitted statement on the engine's read side, so it never interleaves with history commits.
 */

import type { LogEntry } from "../../../src/protocol/messages";
import { BatchWriter } from "../batchWriter";
import type { SqlEngine } from "../store/sqlEngine";
import type { Logbook, LogFilter } from "./logbook";

/** Entries waiting for the database (it may be down) before new ones are dropped. */
export const LOG_WRITE_QUEUE = 50_000;
const WRITE_MS = 100;
const CHUNK = 200;
/** Advisory lock key held while PostgreSQL creates the table (servers starting together). */
const SCHEMA_LOCK = 1_795_017;

/** DDL for `engine`; every statement may run again on an existing database. */
export function logbookSchema(engine: "duckdb" | "postgres"): string[] {
  const pg = engine === "postgres";
  const text = pg ? "TEXT" : "VARCHAR";
  return [
    ...(pg ? [`SELECT pg_advisory_xact_lock(${SCHEMA_LOCK})`] : []),
    `CREATE TABLE IF NOT EXISTS fleet_log (id ${text} PRIMARY KEY, t BIGINT NOT NULL, type ${text} NOT NULL, device ${text}, kind ${text}, body ${text} NOT NULL)`,
    ...(pg ? ["CREATE INDEX IF NOT EXISTS fleet_log_t ON fleet_log (t DESC, id DESC)"] : []),
  ];
}

/** Creates the table if absent and returns the logbook. */
export async function openSqlLogbook(engine: SqlEngine): Promise<Logbook> {
  const statements = logbookSchema(engine.name);
  if (engine.name === "postgres")
    await engine.transaction(async (tx) => {
      for (const statement of statements) await tx.run(statement);
    });
  else for (const statement of statements) await engine.read.run(statement);
  return new SqlLogbook(engine);
}

/** `$n` placeholders for `values`, appended to `params`. */
function bind(params: string[], ...values: string[]): string[] {
  return values.map((value) => `$${params.push(value)}`);
}

const int = (value: number): string => String(Math.trunc(value));

class SqlLogbook implements Logbook {
  private readonly queue = new BatchWriter<LogEntry>(LOG_WRITE_QUEUE, CHUNK, (batch) =>
    this.insertBatch(batch),
  );
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly engine: SqlEngine) {
    this.timer = setInterval(() => void this.flush().catch(() => {}), WRITE_MS);
    this.timer.unref();
  }

  append(entry: LogEntry): boolean {
    return this.queue.add(entry);
  }

  /** Lines refused because the write queue was full. */
  get dropped(): number {
    return this.queue.dropped;
  }

  /** Writes what waits, one batch at a time; a failed batch stays for the next turn. */
  flush(): Promise<void> {
    return this.queue.flush();
  }

  /** Inserts one batch; a line already stored (same id) is kept once. */
  private async insertBatch(batch: readonly LogEntry[]): Promise<void> {
    const params: string[] = [];
    const rows = batch.map((entry) => {
      const [id, type, device, kind, body] = bind(
        params,
        entry.id,
        entry.type,
        entry.device ?? "",
        entry.kind ?? "",
        JSON.stringify(entry),
      );
      return `(${id}, ${int(entry.at)}, ${type}, NULLIF(${device}, ''), NULLIF(${kind}, ''), ${body})`;
    });
    await this.engine.read.run(
      `INSERT INTO fleet_log (id, t, type, device, kind, body) VALUES ${rows.join(", ")} ON CONFLICT (id) DO NOTHING`,
      params,
    );
  }

  async query(filter: LogFilter): Promise<LogEntry[]> {
    await this.flush();
    const params: string[] = [];
    const where = [`t >= ${int(filter.from)}`, `t < ${int(filter.to)}`];
    if (filter.device !== undefined) where.push(`device = ${bind(params, filter.device)[0]}`);
    if (filter.kind !== undefined) where.push(`kind = ${bind(params, filter.kind)[0]}`);
    if (filter.types) where.push(`type IN (${bind(params, ...filter.types).join(", ") || "NULL"})`);
    if (filter.before) {
      const [id] = bind(params, filter.before.id);
      where.push(`(t < ${int(filter.before.at)} OR (t = ${int(filter.before.at)} AND id < ${id}))`);
    }
    const rows = await this.engine.read.run(
      `SELECT body FROM fleet_log WHERE ${where.join(" AND ")} ORDER BY t DESC, id DESC LIMIT ${int(filter.limit)}`,
      params,
    );
    return rows.map(([body]) => JSON.parse(String(body)) as LogEntry);
  }

  async prune(before: number): Promise<void> {
    await this.engine.read.run(`DELETE FROM fleet_log WHERE t < ${int(before)}`);
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.flush().catch(() => {});
  }
}
