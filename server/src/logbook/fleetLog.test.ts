import { describe, expect, it } from "vitest";
import type { AlertInfo } from "../../../src/protocol/messages";
import type { FleetDevice } from "../fleet";
import { FleetLog } from "./fleetLog";
import { MemoryLogbook } from "./logbook";
import { formatSpan, stateChanges } from "./logText";

const device = { id: "thermo-001", kind: "thermostat", rate: 1, online: true, state: { mode: "heat" } };
const alert = (id: string, state: AlertInfo["state"]): AlertInfo => ({
  id,
  rule: "r",
  device: device.id,
  metric: "temperature",
  state,
  since: 5,
  value: 30,
  acknowledged: null,
  severity: "warning",
});

describe("FleetLog", () => {
  it("logs online, offline and stale with how long the condition that ended lasted", () => {
    let now = 1000;
    const log = new FleetLog(new MemoryLogbook(), () => now);
    const fleetDevice = device as unknown as FleetDevice;
    log.deviceAdded(fleetDevice, 1000, true);
    log.setOnline(fleetDevice, false, 61_000);
    log.setOnline(fleetDevice, true, 64_000);
    now = 80_000;
    log.checkStale(now);
    now = 90_000;
    log.sample(fleetDevice, 89_000);
    expect(log.drain().map((e) => [e.type, e.text, e.durationMs])).toEqual([
      ["offline", "offline after 1 min online", 60_000],
      ["online", "back online after 3 s offline", 3000],
      ["stale", "stale after 10 s online", 10_000],
      ["online", "back online after 16 s stale", 16_000],
    ]);
  });

  it("logs alerts that fired or lost data and their resolution, not pending flaps", () => {
    const log = new FleetLog(new MemoryLogbook(), () => 0);
    const find = () => device as unknown as FleetDevice;
    log.alerts(
      [alert("a", "pending"), alert("a", "resolved"), alert("b", "pending"), alert("b", "firing")],
      find,
    );
    log.alerts([alert("b", "resolved")], find);
    expect(log.drain().map((e) => e.detail?.state)).toEqual(["firing", "resolved"]);
  });

  it("says what changed in a reported state, from what to what", () => {
    expect(stateChanges({ mode: "heat", target: 21 }, { mode: "cool", target: 21 })).toEqual([
      { key: "mode", from: "heat", to: "cool" },
    ]);
    expect([formatSpan(850), formatSpan(42_000), formatSpan(3_900_000), formatSpan(90_000_000)]).toEqual([
      "850 ms",
      "42 s",
      "1 h 5 min",
      "1 d 1 h",
    ]);
  });
});
