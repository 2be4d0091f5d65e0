import { describe, expect, it } from "vitest";
import type { DashboardEvent } from "../../store/dashboardTypes";
import { selectEvents } from "./EventLog";

const events: DashboardEvent[] = [
  { id: 1, at: 1, kind: "connection", level: "info", message: "Connected" },
  { id: 2, at: 2, kind: "alert", level: "warning", message: "raised", device: "a" },
  { id: 3, at: 3, kind: "command", level: "error", message: "failed", device: "b" },
  { id: 4, at: 4, kind: "alert", level: "info", message: "cleared", device: "a" },
];

describe("selectEvents", () => {
  it("lists newest first, filtered by kind and device", () => {
    expect(selectEvents(events, "").map((e) => e.id)).toEqual([4, 3, 2, 1]);
    expect(selectEvents(events, "alert").map((e) => e.id)).toEqual([4, 2]);
    expect(selectEvents(events, "", "b").map((e) => e.id)).toEqual([3]);
    expect(selectEvents(events, "connection", "a")).toEqual([]);
  });
});
