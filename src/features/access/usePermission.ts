import { useDashboard } from "../../store/useDashboard";
import { deniedReason, type Permission } from "./permissions";

/**
 * Why the signed-in role may not use `permission` ("Needs the operator role: you are a viewer."),
 * or undefined when it may. Controls show this reason beside themselves, disabled: never hidden.
 */
export function usePermission(permission: Permission): string | undefined {
  return useDashboard((s) =>
    deniedReason(s.access.status === "granted" ? s.access.access : undefined, permission),
  );
}
