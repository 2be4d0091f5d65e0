/**
 * The Events page's filter: what it asks `/api/events` for, which live lines it shows, and the
 * CSV of what it has loaded. Pure, no React.
 */

import type { MessageId } from "../../i18n/i18n";
import type { LogEntry, LogEntryType } from "../../protocol/messages";
import { csvCell } from "../device/csv";
import { logLineText } from "./logLine";

export interface LogQuery {
  types: readonly LogEntryType[];
  device: string;
  kind: string;
  /** How far back, ms (0: all kept). */
  sinceMs: number;
}

export const EMPTY_QUERY: LogQuery = { types: [], device: "", kind: "", sinceMs: 0 };

/** Words for each line type, for filters and rows. */
export const TYPE_LABELS: Record<LogEntryType, MessageId> = {
  device_joined: "logType.device_joined",
  device_retired: "logType.device_retired",
  online: "logType.online",
  offline: "logType.offline",
  stale: "logType.stale",
  state: "logType.state",
  command: "logType.command",
  alert: "logType.alert",
  broker_lost: "logType.broker_lost",
  broker_regained: "logType.broker_regained",
  server_started: "logType.server_started",
};

/** The `/api/events` query string for `query`, one page of `limit`, older than `before`. */
export function eventsSearch(query: LogQuery, now: number, limit: number, before?: string): string {
  const params = new URLSearchParams();
  if (query.types.length > 0) params.set("type", query.types.join(","));
  if (query.device) params.set("device", query.device);
  if (query.kind) params.set("kind", query.kind);
  if (query.sinceMs > 0) params.set("from", String(Math.max(0, Math.floor(now - query.sinceMs))));
  params.set("limit", String(limit));
  if (before) params.set("before", before);
  return params.toString();
}

/** Whether a live line belongs in the list `query` shows. */
export function matchesQuery(entry: LogEntry, query: LogQuery, now: number): boolean {
  if (query.types.length > 0 && !query.types.includes(entry.type)) return false;
  if (query.device && entry.device !== query.device) return false;
  if (query.kind && entry.kind !== query.kind) return false;
  return query.sinceMs === 0 || entry.at >= now - query.sinceMs;
}

/** Lines from `newer` not yet in `shown`, newest first (live lines arrive oldest first). */
export function newLines(shown: readonly LogEntry[], newer: readonly LogEntry[]): LogEntry[] {
  const known = new Set(shown.map((entry) => entry.id));
  const fresh: LogEntry[] = [];
  for (let i = newer.length - 1; i >= 0; i--) {
    const entry = newer[i] as LogEntry;
    if (!known.has(entry.id)) fresh.push(entry);
  }
  return fresh;
}

/** The lines as CSV: time (ISO 8601), type, device, kind, text (as the page shows it), duration in seconds. */
export function logCsv(entries: readonly LogEntry[]): string {
  const lines = ["time,type,device,kind,text,duration_s"];
  for (const entry of entries) {
    lines.push(
      [
        new Date(entry.at).toISOString(),
        entry.type,
        csvCell(entry.device ?? ""),
        csvCell(entry.kind ?? ""),
        csvCell(logLineText(entry)),
        entry.durationMs === undefined ? "" : String(entry.durationMs / 1000),
      ].join(","),
    );
  }
  return `${lines.join("\r\n")}\r\n`;
}
