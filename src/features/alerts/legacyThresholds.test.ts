import { describe, expect, it } from "vitest";
import type { DeviceInfo } from "../../protocol/messages";
import { AlertsApiError } from "./alertsApi";
import { legacyRules, migrateThresholds, parseLegacyThresholds } from "./legacyThresholds";

const thermo = {
  id: "thermo-001",
  kind: "thermostat",
  metrics: [
    { key: "temperature", label: "Temperature", unit: "°C", min: 0, max: 40 },
    { key: "humidity", label: "Humidity", unit: "%", min: 0, max: 100 },
    { key: "pressure", label: "Pressure", unit: "hPa", min: 950, max: 1050 },
  ],
} as DeviceInfo;
const devices = { "thermo-001": thermo };
const base = { scope: { device: "thermo-001" }, forSeconds: 3, severity: "warning", enabled: true };

describe("legacy thresholds", () => {
  it("reads well-formed entries only", () => {
    expect(
      parseLegacyThresholds('{"thermo-001/temperature":{"high":30,"low":"x"},"bad":{"low":1},"d/m":7}'),
    ).toEqual({
      "thermo-001/temperature": { high: 30 },
    });
    expect(parseLegacyThresholds("not json")).toEqual({});
    expect(parseLegacyThresholds(null)).toEqual({});
  });

  it("maps each saved metric to a device rule held 3 s, as the old editor alerted", () => {
    const mapping = legacyRules(
      {
        "thermo-001/temperature": { low: 10, high: 30 },
        "thermo-001/humidity": { high: 80 },
        "thermo-001/pressure": {},
        "thermo-009/temperature": { high: 1 },
        "thermo-001/speed": { high: 1 },
      },
      devices,
    );
    expect(mapping.rules).toEqual([
      {
        key: "thermo-001/temperature",
        rule: {
          ...base,
          name: "Temperature (from this browser's thresholds)",
          metric: "temperature",
          op: "outside",
          low: 10,
          high: 30,
        },
      },
      {
        key: "thermo-001/humidity",
        rule: {
          ...base,
          name: "Humidity (from this browser's thresholds)",
          metric: "humidity",
          op: "above",
          threshold: 80,
        },
      },
      {
        key: "thermo-001/pressure",
        rule: {
          ...base,
          name: "Pressure off (from this browser)",
          metric: "pressure",
          op: "outside",
          low: 950,
          high: 1050,
          enabled: false,
        },
      },
    ]);
    expect(mapping.skipped).toEqual([
      { key: "thermo-009/temperature", reason: "the server has no device “thermo-009”" },
      { key: "thermo-001/speed", reason: "thermo-001 has no metric “speed”" },
    ]);
  });

  it("is done when every rule was created or refused for good, not when the server was away", async () => {
    const saved = { "thermo-001/temperature": { low: 5 }, "thermo-001/humidity": { high: 80 } };
    const refused = await migrateThresholds(saved, devices, async (rule) => {
      if (rule.metric === "humidity") throw new AlertsApiError("bad_request", "The server refused: no.", 400);
    });
    expect(refused).toEqual({
      created: 1,
      failed: ["thermo-001/humidity: The server refused: no."],
      done: true,
    });
    const away = await migrateThresholds(saved, devices, async () => {
      throw new AlertsApiError("network", "The server cannot be reached.");
    });
    expect(away).toMatchObject({ created: 0, done: false });
  });
});
