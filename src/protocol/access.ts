/**
 * Roles and what each may do (v1.5, docs/SECURITY.md), for both sides: the server checks every
 * message and API call with it (server/src/access/actor.ts), the dashboard shows controls a role
 * cannot use disabled with the reason. No Node, no zod: the browser imports it.
 */
import { ACCESS_ROLES } from "./constants";
import type { AccessInfo } from "./messages";

/** viewer < operator < admin. */
export type Role = AccessInfo["role"];

/** Everything a role may or may not do. */
export const PERMISSIONS = [
  "watch",
  "export",
  "command",
  "acknowledge",
  "save_views",
  "edit_rules",
  "manage_users",
  "read_audit",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** The least role that holds each permission. */
export const LEAST_ROLE: Readonly<Record<Permission, Role>> = {
  watch: "viewer",
  export: "viewer",
  command: "operator",
  acknowledge: "operator",
  save_views: "operator",
  edit_rules: "admin",
  manage_users: "admin",
  read_audit: "admin",
};

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ACCESS_ROLES as readonly string[]).includes(value);
}

/** Whether `role` holds `permission`. */
export function roleCan(role: Role, permission: Permission): boolean {
  return ACCESS_ROLES.indexOf(role) >= ACCESS_ROLES.indexOf(LEAST_ROLE[permission]);
}
