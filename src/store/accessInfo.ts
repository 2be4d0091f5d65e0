/** Reading who the dashboard acts as from what the server sent (`GET /api/me`, `welcome.access`). */
import type { AccessInfo, AccessVia, Role } from "./dashboardTypes";

const ROLES: readonly Role[] = ["viewer", "operator", "admin"];
const VIAS: readonly AccessVia[] = ["open", "shared_token", "session", "api_token"];

/** The access an open server grants everyone (no users, no token), as the server's OPEN_ACTOR. */
export const OPEN_ACCESS: AccessInfo = { user: "anonymous", role: "admin", via: "open" };

/** `{user, role, via}` when `value` is one, else undefined (a field missing or unknown). */
export function readAccessInfo(value: unknown): AccessInfo | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const { user, role, via } = value as Record<string, unknown>;
  if (typeof user !== "string" || !ROLES.includes(role as Role) || !VIAS.includes(via as AccessVia))
    return undefined;
  return { user, role: role as Role, via: via as AccessVia };
}
