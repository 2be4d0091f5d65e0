/**
 * One audit line as kept (issue 14): the `AuditEntry` of actor.ts with an id that sorts by
 * creation, its `detail` without secrets (keys naming a password, token, secret, cookie or API
 * key are dropped at any depth) and bounded in size; the filter `GET /api/audit` reads with, and
 * the interface both audit logs (memory, SQL) implement.
 */
import { type LogCursor, olderThan } from "../logbook/logbook";
import { AUDIT_ACTIONS, type AuditAction, type AuditEntry, type AuditSink } from "./actor";

/** A `detail` longer than this as JSON is replaced by `{"truncated":true,"bytes":N}`. */
export const MAX_AUDIT_DETAIL_BYTES = 16_384;
/** User and device names are cut to this many characters. */
const MAX_NAME = 128;
/** Nesting kept in `detail`; deeper values become "…". */
const MAX_DEPTH = 8;

/** What `GET /api/audit` asks: lines in `[from, to)`, newest first, after the cursor. */
export interface AuditFilter {
  from: number;
  to: number;
  user: string | undefined;
  device: string | undefined;
  actions: readonly AuditAction[] | undefined;
  limit: number;
  before: LogCursor | undefined;
}

/** A filter: every line (newest first, at most 1000) unless `narrower` says otherwise. */
export function auditFilter(narrower: Partial<AuditFilter> = {}): AuditFilter {
  const every = {
    from: 0,
    to: 8.64e15,
    user: undefined,
    device: undefined,
    actions: undefined,
    before: undefined,
  };
  return { ...every, limit: 1000, ...narrower };
}

/** A kept line: the entry, with `detail` scrubbed, and an id that sorts by creation (the cursor's tie-break). */
export interface AuditRecord extends AuditEntry {
  id: string;
}

export interface AuditLog extends AuditSink {
  /** Lines matching `filter`, newest first, at most `filter.limit`. */
  query(filter: AuditFilter): Promise<AuditRecord[]>;
  /** Resolves once every line appended so far is kept (rejects while the store is down). */
  flush(): Promise<void>;
  /** Forgets lines older than `now - retentionMs`. */
  expire(now: number): Promise<void>;
  /** Lines dropped: the write queue was full (store down too long) or the entry was malformed. */
  readonly dropped: number;
  close(): Promise<void>;
}

/** Keys of `detail` (at any depth) that are never kept: their values are secrets. */
const SECRET_KEY = /(password|passwd|passphrase|token|secret|cookie|authorization|api_?key)$/i;

function scrub(value: unknown, depth: number): unknown {
  if (value === null || typeof value !== "object") return typeof value === "bigint" ? String(value) : value;
  if (depth >= MAX_DEPTH) return "…";
  if (Array.isArray(value)) return value.map((item) => scrub(item, depth + 1));
  const kept: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value))
    if (!SECRET_KEY.test(key)) kept[key] = scrub(item, depth + 1);
  return kept;
}

/** `detail` without secrets, as JSON text of at most `MAX_AUDIT_DETAIL_BYTES`. */
export function detailJson(detail: unknown): string {
  const json = JSON.stringify(scrub(detail ?? {}, 0)) ?? "{}";
  const bytes = Buffer.byteLength(json);
  return bytes > MAX_AUDIT_DETAIL_BYTES ? JSON.stringify({ truncated: true, bytes }) : json;
}

let sequence = 0;
/** Creation time, a per-process sequence and a random tail, in hex: sorts by creation, unique across servers. */
export function newAuditId(): string {
  sequence = (sequence + 1) % 0x1000000;
  const random = Math.floor(Math.random() * 0x1000000);
  return [Date.now().toString(16).padStart(12, "0"), sequence, random]
    .map((part) => (typeof part === "number" ? part.toString(16).padStart(6, "0") : part))
    .join("");
}

/** The line to keep for `entry`, or undefined when it cannot be one (no known action, a user that is no text). */
export function toRecord(entry: AuditEntry): AuditRecord | undefined {
  try {
    return buildRecord(entry);
  } catch {
    return undefined;
  }
}

function buildRecord(entry: AuditEntry): AuditRecord | undefined {
  if (!(AUDIT_ACTIONS as readonly unknown[]).includes(entry.action)) return undefined;
  const name = (value: unknown): string => String(value ?? "").slice(0, MAX_NAME);
  const at = Number.isFinite(entry.at) ? Math.trunc(entry.at) : Date.now();
  const record: AuditRecord = {
    id: newAuditId(),
    at,
    user: name(entry.user),
    action: entry.action,
    detail: {},
  };
  if (entry.device) record.device = name(entry.device);
  try {
    record.detail = JSON.parse(detailJson(entry.detail)) as Record<string, unknown>;
  } catch (error) {
    record.detail = { unreadable: String((error as Error)?.message).slice(0, 200) };
  }
  return record;
}

/** Whether `record` passes the filter (not its limit). */
export function auditMatches(record: AuditRecord, filter: AuditFilter): boolean {
  if (record.at < filter.from || record.at >= filter.to) return false;
  if (filter.user !== undefined && record.user !== filter.user) return false;
  if (filter.device !== undefined && record.device !== filter.device) return false;
  if (filter.actions && !filter.actions.includes(record.action)) return false;
  return olderThan(record, filter.before);
}
