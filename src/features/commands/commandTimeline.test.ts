import { describe, expect, it } from "vitest";
import type { LogEntry } from "../../protocol/messages";
import type { CommandEntry } from "../../store/dashboardTypes";
import { timelineRows } from "./commandTimeline";

const line = (id: string, at: number, command: string, by: string, ok = true, error?: string): LogEntry => ({
  id,
  at,
  type: "command",
  device: "thermo-001",
  kind: "thermostat",
  text: `${command} by ${by}: ${ok ? "done" : `failed (${error})`}`,
  detail: { command, by, ok, ...(error ? { error } : {}) },
});

const local = (
  id: string,
  createdAt: number,
  status: CommandEntry["status"],
  name = "setMode",
): CommandEntry => ({
  id,
  device: "thermo-001",
  name,
  args: { mode: "eco" },
  createdAt,
  deadline: createdAt + 10_000,
  status,
  attempts: 1,
});

const keys = (rows: ReturnType<typeof timelineRows>) => rows.map((row) => `${row.kind}:${row.key}`);

describe("the command timeline", () => {
  it("shows every command the server logged, by anyone, newest first, with who sent it", () => {
    const rows = timelineRows(
      [line("a", 1000, "setMode", "otto"), line("b", 3000, "vibrate", "ana", false, "device_offline")],
      [],
      "vera",
      0,
    );
    expect(rows).toEqual([
      {
        kind: "server",
        key: "b",
        at: 3000,
        command: "vibrate",
        by: "ana",
        ok: false,
        error: "device_offline",
      },
      { kind: "server", key: "a", at: 1000, command: "setMode", by: "otto", ok: true },
    ]);
  });

  it("keeps this browser's command in flight on top until its result", () => {
    const rows = timelineRows(
      [line("a", 1000, "setMode", "otto")],
      [local("c1", 5000, "pending")],
      "otto",
      0,
    );
    expect(keys(rows)).toEqual(["local:c1", "server:a"]);
  });

  it("shows a settled command once: this browser's entry (with its arguments) takes the server's line", () => {
    const rows = timelineRows(
      [line("a", 1000, "setMode", "otto"), line("b", 5200, "setMode", "otto")],
      [local("c1", 5000, "succeeded")],
      "otto",
      0,
    );
    expect(keys(rows)).toEqual(["local:c1", "server:a"]);
    expect(rows[0]).toMatchObject({ by: "otto", entry: { args: { mode: "eco" } } });
  });

  it("keeps a settled command the server never logged (refused before it ran)", () => {
    const forbidden = {
      ...local("c1", 5000, "failed"),
      error: { code: "forbidden" as const, message: "viewer vera may not send commands" },
    };
    const rows = timelineRows([line("a", 1000, "setMode", "otto")], [forbidden], "vera", 0);
    expect(keys(rows)).toEqual(["local:c1", "server:a"]);
  });

  it("does not take someone else's line, or an older one, for this browser's command", () => {
    const rows = timelineRows(
      [line("old", 1000, "setMode", "otto"), line("other", 6000, "setMode", "ana")],
      [local("c1", 5000, "succeeded")],
      "otto",
      0,
    );
    expect(keys(rows)).toEqual(["server:other", "local:c1", "server:old"]);
    expect(rows[1]).not.toHaveProperty("by");
  });

  it("compares times on the server's clock", () => {
    // The local clock is 60 s behind the server's: the line at 65 000 is the command sent at 5000.
    const rows = timelineRows(
      [line("b", 65_000, "setMode", "otto")],
      [local("c1", 5000, "succeeded")],
      "otto",
      60_000,
    );
    expect(keys(rows)).toEqual(["local:c1"]);
    expect(rows[0]).toMatchObject({ by: "otto" });
  });
});
