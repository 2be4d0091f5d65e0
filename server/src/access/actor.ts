/**
 * Who is asking, and what each role may do (issue 14, docs/SECURITY.md). Every message on `/ws`
 * and every `/api` call is checked against its `Actor` with `can()`; a refusal names the role
 * that would be needed, so the UI and the error say the same thing.
 *
 * - viewer: watch everything, export.
 * - operator: also send commands and acknowledge alerts.
 * - admin: also edit alert rules, manage users and read the audit log.
 *
 * With no users and no `--token` the server is open (as before issue 14): everyone acts as
 * `anonymous` with the admin role, and the server says so. The shared `--token` acts as the
 * operator `token`.
 */

import {
  ACCESS_ROLES,
  type AccessInfo,
  isRole,
  LEAST_ROLE,
  type Permission,
  type Role,
  roleCan,
} from "../../../src/protocol";

// The role table is the protocol's (src/protocol/access.ts), so the dashboard reads the same one.
export { isRole, type Permission, type Role };
export const ROLES = ACCESS_ROLES;

/** How the actor proved who it is. */
export type AccessVia = AccessInfo["via"];

export interface Actor {
  /** The user's name; `anonymous` when open, `token` for the shared token. */
  user: string;
  role: Role;
  via: AccessVia;
  /** The sign-in session behind a cookie (so logout and expiry can close its sockets). */
  sessionId?: string;
}

export const OPEN_ACTOR: Actor = { user: "anonymous", role: "admin", via: "open" };
export const SHARED_TOKEN_ACTOR: Actor = { user: "token", role: "operator", via: "shared_token" };

const DOING: Record<Permission, string> = {
  watch: "watch the fleet",
  export: "export data",
  command: "send commands",
  acknowledge: "acknowledge alerts",
  save_views: "save views",
  edit_rules: "edit alert rules",
  manage_users: "manage users",
  read_audit: "read the audit log",
};

/** The least role that holds `permission`. */
export function roleFor(permission: Permission): Role {
  return LEAST_ROLE[permission];
}

export function can(actor: Actor, permission: Permission): boolean {
  return roleCan(actor.role, permission);
}

/** The message of a `forbidden` refusal: "viewer ana may not send commands: that needs the operator role". */
export function forbiddenMessage(actor: Actor, permission: Permission): string {
  return `${actor.role} ${actor.user} may not ${DOING[permission]}: that needs the ${LEAST_ROLE[permission]} role`;
}

/** What the audit trail records (`GET /api/audit` `action`). */
export const AUDIT_ACTIONS = ["command", "ack", "rule", "user", "login"] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** One audit line. `detail` never holds a password or a token. */
export interface AuditEntry {
  /** Epoch ms of the action (for a command: when it was answered; `detail.sentAt` is when sent). */
  at: number;
  /** Who did it (`anonymous`, `token`, a user name, or `cli` for the users command line). */
  user: string;
  action: AuditAction;
  device?: string;
  detail: Record<string, unknown>;
}

/** Where audit lines go; the durable log (auditLog.ts) implements it. Appending never throws. */
export interface AuditSink {
  append(entry: AuditEntry): void;
}
