/**
 * What each role may do, as the server decides it (server/src/access/actor.ts; the browser imports
 * nothing from server/, so the small table is copied here and permissions.test.ts checks that it
 * still matches). The UI uses it to show a control disabled with the reason, never to hide it:
 * the server refuses on its own whatever the UI shows.
 */

import type { AccessInfo, Role } from "../../store/dashboardTypes";

export type { AccessInfo, Role } from "../../store/dashboardTypes";

/** The roles, least first. */
export const ROLES: readonly Role[] = ["viewer", "operator", "admin"];

export type Permission =
  | "watch"
  | "export"
  | "command"
  | "acknowledge"
  | "edit_rules"
  | "manage_users"
  | "read_audit";

/** The least role that holds each permission. */
export const LEAST_ROLE: Record<Permission, Role> = {
  watch: "viewer",
  export: "viewer",
  command: "operator",
  acknowledge: "operator",
  edit_rules: "admin",
  manage_users: "admin",
  read_audit: "admin",
};

export function roleCan(role: Role, permission: Permission): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(LEAST_ROLE[permission]);
}

/**
 * Why `access` may not use `permission`, in words ("Needs the operator role: you are a viewer"),
 * or undefined when it may. Unknown access (an older server that says nothing) allows everything:
 * such a server checks nothing either.
 */
export function deniedReason(access: AccessInfo | undefined, permission: Permission): string | undefined {
  if (!access || roleCan(access.role, permission)) return undefined;
  return `Needs the ${LEAST_ROLE[permission]} role: you are ${article(access.role)} ${access.role}.`;
}

function article(role: Role): string {
  return /^[aeiou]/.test(role) ? "an" : "a";
}
