/**
 * The audit trail (issue 14): who sent which command, acknowledged which alert, changed which
 * rule or user, and every sign-in. Kept in the history store's database when there is one
 * (sqlAuditLog.ts, table `audit_log`), in memory (bounded, gone at restart) without. Appending
 * never throws and never waits; a line never holds a password or a token (auditRecord.ts).
 */
import { storeEngine } from "../alerts/storeEngine";
import { newerFirst } from "../logbook/logbook";
import type { HistoryStore } from "../store/historyStore";
import type { AuditEntry } from "./actor";
import { type AuditFilter, type AuditLog, type AuditRecord, auditMatches, toRecord } from "./auditRecord";
import { openSqlAuditLog } from "./sqlAuditLog";

export type { AuditFilter, AuditLog, AuditRecord } from "./auditRecord";

/** How long audit lines are kept unless `--retention-audit` says otherwise: 365 days. */
export const DEFAULT_AUDIT_RETENTION_MS = 365 * 86_400_000;
/** Lines kept in memory without a store; the oldest go first. */
export const MEMORY_AUDIT_ENTRIES = 100_000;
/** Lines waiting for the database (it may be down) before new ones are dropped and counted. */
export const AUDIT_WRITE_QUEUE = 50_000;

export interface AuditLogOptions {
  /** How long lines are kept, ms (default 365 days). */
  retentionMs?: number;
  /** Lines waiting for the database before new ones are dropped (default `AUDIT_WRITE_QUEUE`). */
  queueLimit?: number;
  /** Lines kept without a store (default `MEMORY_AUDIT_ENTRIES`). */
  memoryEntries?: number;
  log?(line: string): void;
}

/** The audit trail of a gateway without a store: bounded, gone at restart. */
export class MemoryAuditLog implements AuditLog {
  private records: AuditRecord[] = [];
  dropped = 0;

  constructor(
    private readonly retentionMs: number,
    private readonly capacity: number,
  ) {}

  append(entry: AuditEntry): void {
    const record = toRecord(entry);
    if (!record) {
      this.dropped++;
      return;
    }
    this.records.push(record);
    if (this.records.length > this.capacity) this.records.splice(0, this.records.length - this.capacity);
  }

  async flush(): Promise<void> {}

  async query(filter: AuditFilter): Promise<AuditRecord[]> {
    return this.records
      .filter((record) => auditMatches(record, filter))
      .sort(newerFirst)
      .slice(0, filter.limit);
  }

  async expire(now: number): Promise<void> {
    this.records = this.records.filter((record) => record.at >= now - this.retentionMs);
  }

  async close(): Promise<void> {}
}

/**
 * The audit log in `store`'s database (DuckDB or PostgreSQL), or in memory when there is no store
 * (or a store without a SQL engine, said through `log`).
 */
export async function openAuditLog(
  store: HistoryStore | undefined,
  options: AuditLogOptions = {},
): Promise<AuditLog> {
  const retentionMs = options.retentionMs ?? DEFAULT_AUDIT_RETENTION_MS;
  if (!(retentionMs > 0))
    throw new RangeError(`retentionMs: expected a positive number of ms, got ${retentionMs}`);
  const memory = () => new MemoryAuditLog(retentionMs, options.memoryEntries ?? MEMORY_AUDIT_ENTRIES);
  if (!store) return memory();
  const engine = storeEngine(store);
  if (engine) return openSqlAuditLog(engine, retentionMs, options.queueLimit ?? AUDIT_WRITE_QUEUE);
  options.log?.("audit: the history store exposes no SQL engine; the audit trail is kept in memory only");
  return memory();
}
