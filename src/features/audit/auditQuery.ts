/**
 * The Audit page's filter, what it asks `GET /api/audit` for, its lines in words and as CSV.
 * Pure, no React.
 */

import { fieldLabel } from "../../i18n/deviceText";
import { errorText } from "../../i18n/errors";
import { hasMessage, type MessageId, t } from "../../i18n/i18n";
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
  const parts = Object.entries(args).map(([name, value]) =>
    t("audit.arg", { name: fieldLabel(name), value: text(value) }),
  );
  return parts.length > 0 ? t("audit.args", { args: parts.join(t("audit.argSeparator")) }) : "";
}

function roleText(role: unknown): string {
  const id = `role.${text(role)}`;
  return hasMessage(id) ? t(id) : text(role);
}

function userChange(d: Record<string, unknown>): string {
  const name = text(d.name);
  switch (d.op) {
    case "add":
      return d.role ? t("audit.userAddRole", { name, role: roleText(d.role) }) : t("audit.userAdd", { name });
    case "remove":
      return t("audit.userRemove", { name });
    case "set-role":
      return t("audit.userSetRole", { name, role: roleText(d.role) });
    case "reset-password":
      return t("audit.userResetPassword", { name });
    case "token":
      return t("audit.userToken", { name });
    default:
      return t("audit.userChanged", { name });
  }
}

function commandText(d: Record<string, unknown>): string {
  const label = `command.${text(d.command)}`;
  const what = { command: hasMessage(label) ? t(label) : text(d.command), args: argsText(d.args) };
  if (d.ok !== true) {
    const code = typeof d.error === "string" ? d.error : undefined;
    return t("audit.commandFailed", {
      ...what,
      error: code ? errorText(code, code) : t("audit.noReason"),
    });
  }
  if (typeof d.sentAt === "number" && typeof d.answeredAt === "number")
    return t("audit.commandOkIn", { ...what, ms: Math.max(0, d.answeredAt - d.sentAt) });
  return t("audit.commandOk", what);
}

/** What an audit line says happened, in the reader's words ("setMode (mode "eco"): succeeded in 120 ms"). */
export function describeAudit(entry: AuditEntry): string {
  const d = entry.detail;
  switch (entry.action) {
    case "command":
      return commandText(d);
    case "ack":
      return t("audit.acked", { alert: text(d.alert), rule: text(d.rule) });
    case "rule":
      return t("audit.ruleChanged", { op: text(d.op), name: text(d.name ?? d.rule) });
    case "user":
      return userChange(d);
    case "login":
      if (d.ok === true) return t("audit.signedIn", { address: text(d.address) });
      return d.reason
        ? t("audit.signInRefusedWhy", { reason: text(d.reason), address: text(d.address) })
        : t("audit.signInRefused", { address: text(d.address) });
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
