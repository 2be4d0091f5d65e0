/**
 * The logbook in the history store's database (DuckDB with `--data`, PostgreSQL with `--store`):
 * table `fleet_log`, one row per entry, unique by id (servers sharing PostgreSQL each log their
 * own start, and each the fleet's events they saw). Written and read through sqlJournal.ts, as
 * the audit trail is.
 */

import type { LogEntry } from "../../../src/protocol/messages";
import { EVENT_WRITE_MS, type JournalSpec, openJournal, type SqlJournal } from "../sqlJournal";
import type { SqlEngine } from "../store/sqlEngine";
import type { Logbook, LogFilter } from "./logbook";

/** Entries waiting for the database (it may be down) before new ones are dropped. */
export const LOG_WRITE_QUEUE = 50_000;

const FLEET_LOG: JournalSpec = {
  table: "fleet_log",
  time: "t",
  columns: [
    { name: "type" },
    { name: "device", nullable: true },
    { name: "kind", nullable: true },
    { name: "body" },
  ],
  // The fleet's alert lines come in hundreds a second: written once a second, not per 100 ms.
  writeMs: EVENT_WRITE_MS,
};

/** Creates the table if absent and returns the logbook. */
export async function openSqlLogbook(engine: SqlEngine): Promise<Logbook> {
  const journal = await openJournal<LogEntry>(
    engine,
    FLEET_LOG,
    (entry) => ({
      id: entry.id,
      at: entry.at,
      values: [entry.type, entry.device, entry.kind, JSON.stringify(entry)],
    }),
    LOG_WRITE_QUEUE,
  );
  return new SqlLogbook(journal);
}

class SqlLogbook implements Logbook {
  constructor(private readonly journal: SqlJournal<LogEntry>) {}

  append(entry: LogEntry): boolean {
    return this.journal.add(entry);
  }

  /** Lines refused because the write queue was full. */
  get dropped(): number {
    return this.journal.dropped;
  }

  flush(): Promise<void> {
    return this.journal.flush();
  }

  async query(filter: LogFilter): Promise<LogEntry[]> {
    const { from, to, before, limit } = filter;
    const match = { device: filter.device, kind: filter.kind, type: filter.types };
    const rows = await this.journal.select("body", { from, to, before, limit, match });
    return rows.map(([body]) => JSON.parse(String(body)) as LogEntry);
  }

  prune(before: number): Promise<void> {
    return this.journal.prune(before);
  }

  close(): Promise<void> {
    return this.journal.close();
  }
}
