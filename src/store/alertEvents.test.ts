import { describe, expect, it } from "vitest";
import type { AlertInfo, DeviceInfo } from "../protocol/messages";
import { alertEvent } from "./alertEvents";

const device = {
  id: "thermo-001",
  name: "Greenhouse thermostat",
  metrics: [{ key: "temperature", label: "Temperature", unit: "°C", min: 0, max: 40 }],
} as DeviceInfo;
const firing: AlertInfo = {
  id: "a1",
  rule: "r1",
  device: "thermo-001",
  metric: "temperature",
  state: "firing",
  since: 1,
  value: 29.4,
  acknowledged: null,
  severity: "critical",
};

describe("alertEvent", () => {
  it("says what fired, resolved, went silent or was acknowledged", () => {
    expect(alertEvent(firing, { ...firing, state: "pending" }, device)).toEqual({
      kind: "alert",
      level: "error",
      device: "thermo-001",
      message: "Alert firing (critical): Greenhouse thermostat temperature at 29.4 °C",
    });
    expect(alertEvent({ ...firing, state: "resolved", value: 20 }, firing, device)?.message).toBe(
      "Alert resolved: Greenhouse thermostat temperature at 20 °C",
    );
    expect(alertEvent({ ...firing, state: "no_data", value: null }, firing, device)?.message).toBe(
      "Alert without data: Greenhouse thermostat temperature (the device is silent)",
    );
    const acked = { ...firing, acknowledged: { by: "anonymous", at: 2, comment: "window open" } };
    expect(alertEvent(acked, firing, device)?.message).toBe(
      "Alert acknowledged by anonymous: Greenhouse thermostat temperature: “window open”",
    );
  });

  it("leaves out pending alerts and repeats of the same state", () => {
    expect(alertEvent({ ...firing, state: "pending" }, undefined, device)).toBeUndefined();
    expect(alertEvent(firing, firing, device)).toBeUndefined();
  });
});
