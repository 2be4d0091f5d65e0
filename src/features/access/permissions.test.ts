import { describe, expect, it } from "vitest";
import * as server from "../../../server/src/access/actor";
import { PERMISSIONS } from "../../protocol/access";
import type { AccessInfo } from "../../store/dashboardTypes";
import { deniedReason } from "./permissions";

describe("deniedReason", () => {
  const viewer: AccessInfo = { user: "vera", role: "viewer", via: "session" };
  const operator: AccessInfo = { user: "otto", role: "operator", via: "session" };

  it("names the role needed and the role held", () => {
    expect(deniedReason(viewer, "command")).toBe("Needs the operator role: you are a viewer.");
    expect(deniedReason(operator, "read_audit")).toBe("Needs the admin role: you are an operator.");
  });

  it("says nothing when the role suffices, or when the server says nothing about access", () => {
    expect(deniedReason(operator, "acknowledge")).toBeUndefined();
    expect(deniedReason(viewer, "export")).toBeUndefined();
    expect(deniedReason(undefined, "edit_rules")).toBeUndefined();
  });

  it("refuses exactly what the server's can() refuses, for every role and permission", () => {
    for (const role of server.ROLES) {
      for (const permission of PERMISSIONS) {
        const actor = { user: "u", role, via: "session" as const };
        expect(deniedReason(actor, permission) === undefined, `${role} ${permission}`).toBe(
          server.can(actor, permission),
        );
      }
    }
  });
});
