import { describe, expect, it } from "vitest";
import { type AuditEntry, describeAudit } from "./auditQuery";

const line = (action: AuditEntry["action"], detail: Record<string, unknown>): AuditEntry => ({
  at: 1,
  user: "ana",
  action,
  detail,
});

describe("describeAudit", () => {
  it("says what each audit line records, in the catalogue's words", () => {
    expect(
      describeAudit(
        line("command", { command: "setRelay", args: { on: false }, ok: true, sentAt: 10, answeredAt: 130 }),
      ),
    ).toBe("setRelay (on false): succeeded in 120 ms");
    expect(describeAudit(line("command", { command: "reboot", ok: false, error: "device_offline" }))).toBe(
      "reboot: failed: The device is offline.",
    );
    expect(describeAudit(line("ack", { alert: "a1", rule: "r1" }))).toBe("acknowledged alert a1 of rule r1");
    expect(describeAudit(line("rule", { op: "delete", name: "Too hot" }))).toBe("deleted rule Too hot");
    expect(describeAudit(line("user", { op: "set-role", name: "olaf", role: "admin" }))).toBe(
      "gave olaf the admin role",
    );
    expect(describeAudit(line("login", { ok: false, reason: "wrong password", address: "::1" }))).toBe(
      "sign-in refused (wrong password) from ::1",
    );
  });
});
