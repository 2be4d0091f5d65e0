/**
 * The audit trail in the history store's database (DuckDB with `--data`, PostgreSQL with
 * `--store`): table `audit_log` (`id` sorting by creation, `at` BIGINT epoch ms, `user_name`,
 * `action`, `device` or NULL, `detail` JSON text), written and read through sqlJournal.ts as the
 * logbook is. A line is committed within `JOURNAL_WRITE_MS` (100 ms) of its append, inside the
 * store's 250 ms commit window, by an autocommitted INSERT (DuckDB syncs its WAL, PostgreSQL
 * commits synchronously), so it survives `kill -9` as the samples do. While the database is down
 * lines wait, up to the queue limit, then are dropped and counted. Servers sharing PostgreSQL each
 * write their own lines, unique by id: a retried batch is stored once.
 */
import { type JournalSpec, openJournal, type SqlJournal } from "../sqlJournal";
import type { SqlEngine } from "../store/sqlEngine";
import type { AuditAction, AuditEntry } from "./actor";
import { type AuditFilter, type AuditLog, type AuditRecord, toRecord } from "./auditRecord";

export const AUDIT_TABLE: JournalSpec = {
  table: "audit_log",
  time: "at",
  columns: [
    { name: "user_name" },
    { name: "action" },
    { name: "device", nullable: true },
    { name: "detail" },
  ],
};

/** Creates `audit_log` if absent and returns the log. */
export async function openSqlAuditLog(
  engine: SqlEngine,
  retentionMs: number,
  queueLimit: number,
): Promise<AuditLog> {
  const journal = await openJournal<AuditRecord>(
    engine,
    AUDIT_TABLE,
    (record) => ({
      id: record.id,
      at: record.at,
      values: [record.user, record.action, record.device, JSON.stringify(record.detail)],
    }),
    queueLimit,
  );
  return new SqlAuditLog(journal, retentionMs);
}

function fromRow([id, at, user, action, device, detail]: unknown[]): AuditRecord {
  const record: AuditRecord = {
    id: String(id),
    at: Number(at),
    user: String(user),
    action: String(action) as AuditAction,
    detail: JSON.parse(String(detail)) as Record<string, unknown>,
  };
  if (device !== null && device !== undefined) record.device = String(device);
  return record;
}

class SqlAuditLog implements AuditLog {
  private malformed = 0;

  constructor(
    private readonly journal: SqlJournal<AuditRecord>,
    private readonly retentionMs: number,
  ) {}

  append(entry: AuditEntry): void {
    const record = toRecord(entry);
    if (record) this.journal.add(record);
    else this.malformed++;
  }

  get dropped(): number {
    return this.journal.dropped + this.malformed;
  }

  flush(): Promise<void> {
    return this.journal.flush();
  }

  async query(filter: AuditFilter): Promise<AuditRecord[]> {
    const { from, to, before, limit } = filter;
    const match = { user_name: filter.user, device: filter.device, action: filter.actions };
    const rows = await this.journal.select(`id, "at", user_name, action, device, detail`, {
      from,
      to,
      before,
      limit,
      match,
    });
    return rows.map(fromRow);
  }

  expire(now: number): Promise<void> {
    return this.journal.prune(now - this.retentionMs);
  }

  close(): Promise<void> {
    return this.journal.close();
  }
}
