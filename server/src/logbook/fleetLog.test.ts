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

  it("gives every line a code and the params its words need, beside the English text (v1.6)", () => {
    const log = new FleetLog(new MemoryLogbook(), () => 7000);
    const fleetDevice = device as unknown as FleetDevice;
    log.deviceAdded(fleetDevice, 1000);
    log.setOnline(fleetDevice, false, 61_000);
    log.command(fleetDevice, "setTarget", "ana", false, "device_offline");
    log.command(fleetDevice, "setTarget", "ana", true);
    log.alerts([alert("c", "firing")], () => fleetDevice);
    log.broker(false, 1000);
    log.broker(true, 4000);
    expect(log.drain().map((e) => [e.code, e.params, e.text])).toEqual([
      ["device_joined", { kind: "thermostat", condition: "online" }, "joined the fleet (thermostat, online)"],
      ["condition", { to: "offline", from: "online", ms: 60_000 }, "offline after 1 min online"],
      [
        "command_failed",
        { command: "setTarget", by: "ana", error: "device_offline" },
        "setTarget by ana: failed (device_offline)",
      ],
      ["command_done", { command: "setTarget", by: "ana" }, "setTarget by ana: done"],
      [
        "alert_value",
        { metric: "temperature", state: "firing", rule: "r", severity: "warning", value: 30 },
        "temperature: firing at 30 (rule r, warning)",
      ],
      ["broker_lost", {}, "broker lost"],
      ["broker_regained_after", { ms: 3000 }, "broker regained after 3 s"],
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
