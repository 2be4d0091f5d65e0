import { describe, expect, it } from "vitest";
import type { DeviceInfo, DeviceState } from "../protocol/messages";
import { createDashboardStore, LAST_SEEN_STEP_MS, MAX_COMMANDS, MAX_EVENTS } from "./createDashboardStore";
import type { CommandEntry } from "./dashboardTypes";
import { StalenessTracker } from "./staleness";

const device = (id: string): DeviceInfo => ({
  id,
  kind: "meter",
  name: id,
  online: true,
  rate: 10,
  metrics: [],
  commands: [],
  state: { relay: true },
});

function command(id: string, status: CommandEntry["status"]): CommandEntry {
  return { id, device: "m1", name: "relayOn", args: {}, createdAt: 0, deadline: 1, status, attempts: 1 };
}

describe("createDashboardStore", () => {
  it("bumps series versions and lastSeen in one update, leaving other devices' objects untouched", () => {
    const store = createDashboardStore();
    store.getState().setFleet([device("m1"), device("m2")], "s1");
    const m2 = store.getState().devices.m2;
    let updates = 0;
    store.subscribe(() => updates++);
    store.getState().bumpSeries(["m1"], () => 1234);
    expect(updates).toBe(1);
    expect(store.getState().seriesVersion).toEqual({ m1: 1 });
    expect(store.getState().seriesFrame).toBe(1);
    expect(store.getState().devices.m1?.lastSeen).toBe(1234);
    expect(store.getState().devices.m2).toBe(m2);
  });

  it("moves lastSeen only into another second, so a frame of new samples does not copy every device", () => {
    const store = createDashboardStore();
    store.getState().setFleet([device("m1")], "s1");
    store.getState().bumpSeries(["m1"], () => 10_000);
    const entry = store.getState().devices.m1;
    store.getState().bumpSeries(["m1"], () => 10_000 + LAST_SEEN_STEP_MS - 1);
    expect(store.getState().devices.m1).toBe(entry);
    expect(store.getState().seriesVersion.m1).toBe(2);
    store.getState().bumpSeries(["m1"], () => 10_000 + LAST_SEEN_STEP_MS);
    expect(store.getState().devices.m1?.lastSeen).toBe(10_000 + LAST_SEEN_STEP_MS);
    // Into the next second by 2 ms: every device whose samples cross it moves in the same frame.
    store.getState().bumpSeries(["m1"], () => 10_000 + 2 * LAST_SEEN_STEP_MS - 1);
    store.getState().bumpSeries(["m1"], () => 10_000 + 2 * LAST_SEEN_STEP_MS + 1);
    expect(store.getState().devices.m1?.lastSeen).toBe(10_000 + 2 * LAST_SEEN_STEP_MS + 1);
  });

  it("merges the frame's device states into the same update, leaving series versions alone", () => {
    const store = createDashboardStore();
    store.getState().setFleet([device("m1"), device("m2")], "s1");
    store.getState().bumpSeries([], () => undefined, new Map([["m1", { mode: "eco" }]]));
    expect(store.getState().devices.m1?.state).toEqual({ relay: true, mode: "eco" });
    expect(store.getState().seriesVersion).toEqual({});
    expect(store.getState().seriesFrame).toBe(0);
    store.getState().bumpSeries(
      ["m2"],
      () => 5000,
      new Map<string, DeviceState>([
        ["m2", { relay: false }],
        ["zz", { x: 1 }],
      ]),
    );
    expect(store.getState().devices.m2).toMatchObject({ lastSeen: 5000, state: { relay: false } });
    expect(store.getState().devices.zz).toBeUndefined();
  });

  it("patches many devices' lastSeen and stale in one update each", () => {
    const store = createDashboardStore();
    const ids = ["a", "b", "c", "d"];
    store.getState().setFleet(ids.map(device), "s1");
    const untouched = store.getState().devices.d;
    store.getState().bumpSeries(["a", "b", "c"], (id) => id.charCodeAt(0));
    store.getState().setStale({ a: true, c: true, zz: true });
    const { devices } = store.getState();
    expect(ids.map((id) => devices[id]?.lastSeen)).toEqual(
      [97, 98, 99, undefined].map((v, i) => (i < 3 ? v : untouched?.lastSeen)),
    );
    expect(ids.map((id) => devices[id]?.stale)).toEqual([true, false, true, false]);
    expect(devices.d).toBe(untouched);
    expect(devices.zz).toBeUndefined();
  });

  it("merges device state and clears stale when a device goes offline", () => {
    const store = createDashboardStore();
    store.getState().setFleet([device("m1")], "s1");
    store.getState().setStale({ m1: true });
    store.getState().setDeviceState("m1", { power: 5 });
    store.getState().setDeviceStatus("m1", false);
    expect(store.getState().devices.m1).toMatchObject({
      online: false,
      stale: false,
      state: { relay: true, power: 5 },
    });
  });

  it("bounds the event log and the command list, keeping commands in flight", () => {
    const store = createDashboardStore(() => 42);
    for (let i = 0; i < MAX_EVENTS + 50; i++)
      store.getState().logEvent({ kind: "alert", level: "info", message: `e${i}` });
    const events = store.getState().events;
    expect(events).toHaveLength(MAX_EVENTS);
    expect(events.at(-1)).toMatchObject({ message: `e${MAX_EVENTS + 49}`, at: 42, id: MAX_EVENTS + 50 });
    store.getState().putCommand(command("in-flight", "pending"));
    for (let i = 0; i < MAX_COMMANDS + 10; i++) store.getState().putCommand(command(`c${i}`, "succeeded"));
    const { commandOrder, commands } = store.getState();
    expect(commandOrder).toHaveLength(MAX_COMMANDS);
    expect(commandOrder[0]).toBe("in-flight");
    expect(Object.keys(commands)).toHaveLength(MAX_COMMANDS);
    expect(commands.c0).toBeUndefined();
  });
});

describe("StalenessTracker", () => {
  it("flags watched online devices with nothing for 3 sample intervals", () => {
    const store = createDashboardStore();
    store.getState().setFleet([device("m1"), device("m2"), { ...device("m3"), online: false }], "s1");
    const tracker = new StalenessTracker();
    tracker.startClock(["m1", "m2", "m3"], 1000);
    tracker.noteArrival("m2", 1250);
    const watched = new Set(["m1", "m2", "m3"]);
    expect(tracker.changes(1290, watched, store.getState().devices)).toEqual({});
    expect(tracker.changes(1301, watched, store.getState().devices)).toEqual({ m1: true });
    store.getState().setStale({ m1: true });
    tracker.noteArrival("m1", 1400);
    expect(tracker.changes(1560, watched, store.getState().devices)).toEqual({ m1: false, m2: true });
  });
});
