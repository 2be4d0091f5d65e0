/**
 * Where the fleet's logbook is kept: the interface, the query shape with its cursor, and the
 * in-memory log of a gateway without a store (sqlLogbook.ts keeps it in the history store's
 * database, as the alerts do).
 */
import type { LogEntry, LogEntryType } from "../../../src/protocol/messages";

/** What `GET /api/events` asks: entries in `[from, to)`, newest first, after the cursor. */
export interface LogFilter {
  from: number;
  to: number;
  device: string | undefined;
  kind: string | undefined;
  types: readonly LogEntryType[] | undefined;
  limit: number;
  /** Only entries older than this one (the last of the previous page). */
  before: LogCursor | undefined;
}

/** A position in the newest-first order: an entry's time and id. */
export interface LogCursor {
  at: number;
  id: string;
}

/** One page: the entries, and the cursor of the next (older) page, or null when there is none. */
export interface LogPage {
  entries: LogEntry[];
  next: string | null;
}

/** The fleet's events, kept in memory or in the store's database. */
export interface Logbook {
  /** Queues an entry (never blocks); false when the bounded queue is full and it was dropped. */
  append(entry: LogEntry): boolean;
  /** Resolves once everything appended so far is kept. */
  flush(): Promise<void>;
  query(filter: LogFilter): Promise<LogEntry[]>;
  /** Forgets entries older than `before` (retention). */
  prune(before: number): Promise<void>;
  close(): Promise<void>;
}

/** Entries kept in memory without a store. */
const MEMORY_ENTRIES = 100_000;

export function encodeCursor(entry: LogCursor): string {
  return `${entry.at}_${entry.id}`;
}

/** The cursor in `text`, or undefined when it is not one. */
export function decodeCursor(text: string): LogCursor | undefined {
  const match = /^(\d{1,16})_([\w-]{1,64})$/.exec(text);
  return match ? { at: Number(match[1]), id: match[2] as string } : undefined;
}

/** Newest first: later time, then greater id. */
export function newerFirst(a: LogCursor, b: LogCursor): number {
  return b.at - a.at || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}

/** Whether `entry` passes the filter (not its limit). */
export function matches(entry: LogEntry, filter: LogFilter): boolean {
  if (entry.at < filter.from || entry.at >= filter.to) return false;
  if (filter.device !== undefined && entry.device !== filter.device) return false;
  if (filter.kind !== undefined && entry.kind !== filter.kind) return false;
  if (filter.types && !filter.types.includes(entry.type)) return false;
  return olderThan(entry, filter.before);
}

/** Whether `entry` comes after the cursor in the newest-first order (no cursor: always). */
export function olderThan(entry: LogCursor, before: LogCursor | undefined): boolean {
  return before === undefined || entry.at < before.at || (entry.at === before.at && entry.id < before.id);
}

/** A page from entries already filtered and sorted newest first, one more than `limit` asked. */
export function toPage<T extends LogCursor>(
  entries: T[],
  limit: number,
): { entries: T[]; next: string | null } {
  const page = entries.slice(0, limit);
  const last = page.at(-1);
  return { entries: page, next: entries.length > limit && last ? encodeCursor(last) : null };
}

/** The logbook of a gateway without a store: gone at restart, bounded in size. */
export class MemoryLogbook implements Logbook {
  private entries: LogEntry[] = [];

  append(entry: LogEntry): boolean {
    this.entries.push(entry);
    if (this.entries.length > MEMORY_ENTRIES) this.entries.splice(0, this.entries.length - MEMORY_ENTRIES);
    return true;
  }

  async flush(): Promise<void> {}

  async query(filter: LogFilter): Promise<LogEntry[]> {
    const found: LogEntry[] = [];
    for (let i = this.entries.length - 1; i >= 0; i--) {
      const entry = this.entries[i] as LogEntry;
      if (matches(entry, filter)) found.push(entry);
    }
    return found.sort(newerFirst).slice(0, filter.limit);
  }

  async prune(before: number): Promise<void> {
    this.entries = this.entries.filter((entry) => entry.at >= before);
  }

  async close(): Promise<void> {}
}
