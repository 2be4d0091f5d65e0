/**
 * The Audit page's filter, what it asks `GET /api/audit` for, its lines in words and as CSV.
 * Pure, no React.
 */

import type { MessageId } from "../../i18n/i18n";
import { csvCell } from "../device/csv";

export const AUDIT_API_PATH = "/api/audit";

/** What the audit trail records (server/src/access/actor.ts AUDIT_ACTIONS). */
export type AuditAction = "command" | "ack" | "rule" | "user" | "login";

/** One audit line (`GET /api/audit`). */
export interface AuditEntry {
  at: number;
  user: string;
  action: AuditAction;
  device?: string;
  detail: Record<string, unknown>;
}

export interface AuditQuery {
  /** How far back, ms (0: all kept). */
  sinceMs: number;
  user: string;
  device: string;
  /** Empty: every action. */
  actions: readonly AuditAction[];
}

export const EMPTY_AUDIT_QUERY: AuditQuery = { sinceMs: 0, user: "", device: "", actions: [] };

export const ACTION_LABELS: Record<AuditAction, MessageId> = {
  command: "audit.command",
  ack: "audit.ack",
  rule: "audit.rule",
  user: "audit.user",
  login: "audit.login",
};

/** The `/api/audit` query string for `query`, one page of `limit`, older than `before`. */
export function auditSearch(query: AuditQuery, now: number, limit: number, before?: string): string {
  const params = new URLSearchParams();
  if (query.sinceMs > 0) params.set("from", String(Math.max(0, Math.floor(now - query.sinceMs))));
  if (query.user.trim()) params.set("user", query.user.trim());
  if (query.device) params.set("device", query.device);
  if (query.actions.length > 0) params.set("action", query.actions.join(","));
  params.set("limit", String(limit));
  if (before) params.set("before", before);
  return params.toString();
}

const text = (value: unknown): string => (typeof value === "string" ? value : JSON.stringify(value ?? ""));

function argsText(args: unknown): string {
  if (typeof args !== "object" || args === null) return "";
  const parts = Object.entries(args).map(([name, value]) => `${name} ${text(value)}`);
  return parts.length > 0 ? ` (${parts.join(", ")})` : "";
}

const PAST: Record<string, string> = { create: "created", update: "changed", delete: "deleted" };

function userChange(d: Record<string, unknown>): string {
  const name = text(d.name);
  switch (d.op) {
    case "add":
      return `added user ${name}${d.role ? ` as ${text(d.role)}` : ""}`;
    case "remove":
      return `removed user ${name}`;
    case "set-role":
      return `gave ${name} the ${text(d.role)} role`;
    case "reset-password":
      return `reset the password of ${name}`;
    case "token":
      return `made an API token for ${name}`;
    default:
      return `changed user ${name}`;
  }
}

/** What an audit line says happened, in words ("setMode (mode "eco"): succeeded in 120 ms"). */
export function describeAudit(entry: AuditEntry): string {
  const d = entry.detail;
  switch (entry.action) {
    case "command": {
      const took =
        typeof d.sentAt === "number" && typeof d.answeredAt === "number"
          ? ` in ${Math.max(0, d.answeredAt - d.sentAt)} ms`
          : "";
      const outcome = d.ok === true ? `succeeded${took}` : `failed: ${text(d.error ?? "no reason given")}`;
      return `${text(d.command)}${argsText(d.args)}: ${outcome}`;
    }
    case "ack":
      return `acknowledged alert ${text(d.alert)} of rule ${text(d.rule)}`;
    case "rule":
      return `${PAST[text(d.op)] ?? "changed"} rule ${text(d.name ?? d.rule)}`;
    case "user":
      return userChange(d);
    case "login":
      return d.ok === true
        ? `signed in from ${text(d.address)}`
        : `sign-in refused${d.reason ? ` (${text(d.reason)})` : ""} from ${text(d.address)}`;
    default:
      return JSON.stringify(d);
  }
}

/** The lines as CSV: time (ISO 8601), user, action, device, what happened, the detail as JSON. */
export function auditCsv(entries: readonly AuditEntry[]): string {
  const lines = ["time,user,action,device,text,detail"];
  for (const entry of entries) {
    lines.push(
      [
        new Date(entry.at).toISOString(),
        csvCell(entry.user),
        entry.action,
        csvCell(entry.device ?? ""),
        csvCell(describeAudit(entry)),
        csvCell(JSON.stringify(entry.detail)),
      ].join(","),
    );
  }
  return `${lines.join("\r\n")}\r\n`;
}
