/**
 * What each role may do, for the UI: the table is the protocol's (src/protocol/access.ts), the one
 * the server checks every message and API call with. The UI uses it to show a control disabled
 * with the reason, never to hide it: the server refuses on its own whatever the UI shows.
 */

import { t } from "../../i18n/i18n";
import { LEAST_ROLE, type Permission, roleCan } from "../../protocol/access";
import type { AccessInfo } from "../../store/dashboardTypes";

export type { Permission } from "../../protocol/access";

/**
 * Why `access` may not use `permission`, in words ("Needs the operator role: you are a viewer."),
 * or undefined when it may. Unknown access (a server that does not say) allows everything: the
 * server still checks.
 */
export function deniedReason(access: AccessInfo | undefined, permission: Permission): string | undefined {
  if (!access || roleCan(access.role, permission)) return undefined;
  return t("access.needsRole", { need: LEAST_ROLE[permission], role: access.role });
}
