import { describe, expect, it } from "vitest";
import { isRole, PERMISSIONS, type Role, roleCan } from "./access";

describe("roles", () => {
  it("gives each role exactly the permissions of docs/SECURITY.md", () => {
    const allowed = (role: Role) => PERMISSIONS.filter((permission) => roleCan(role, permission));
    expect(allowed("viewer")).toEqual(["watch", "export"]);
    expect(allowed("operator")).toEqual(["watch", "export", "command", "acknowledge", "save_views"]);
    expect(allowed("admin")).toEqual([...PERMISSIONS]);
  });

  it("knows the three roles and nothing else", () => {
    expect(["viewer", "operator", "admin"].every(isRole)).toBe(true);
    for (const other of ["Admin", "root", "", undefined, 2]) expect(isRole(other)).toBe(false);
  });
});
