import { describe, expect, it } from "vitest";
import * as server from "../../../server/src/access/actor";
import { type AccessInfo, deniedReason, LEAST_ROLE, type Permission, ROLES, roleCan } from "./permissions";

const PERMISSIONS = Object.keys(LEAST_ROLE) as Permission[];

describe("the browser's copy of the role table", () => {
  it("has the server's roles, in the same order", () => {
    expect(ROLES).toEqual(server.ROLES);
  });

  it("gives each permission the least role the server gives it", () => {
    for (const permission of PERMISSIONS)
      expect(LEAST_ROLE[permission], permission).toBe(server.roleFor(permission));
  });

  it("allows what the server's can() allows, for every role and permission", () => {
    for (const role of ROLES) {
      for (const permission of PERMISSIONS) {
        const actor = { user: "u", role, via: "session" as const };
        expect(roleCan(role, permission), `${role} ${permission}`).toBe(server.can(actor, permission));
      }
    }
  });
});

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
});
