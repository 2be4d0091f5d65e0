import { describe, expect, it } from "vitest";
import type { DeviceInfo } from "../protocol/messages";
import { validateCommandArgs } from "./commandArgs";

const thermostat: DeviceInfo = {
  id: "thermo-001",
  kind: "thermostat",
  name: "Thermostat 1",
  online: true,
  rate: 10,
  metrics: [],
  state: {},
  commands: [
    {
      name: "setTarget",
      label: "Set target",
      args: { target: { type: "number", min: 5, max: 30 }, mode: { type: "enum", values: ["heat", "cool"] } },
    },
    { name: "power", label: "Power", args: { on: { type: "boolean" } } },
  ],
};

describe("validateCommandArgs", () => {
  it("accepts arguments within the schema", () => {
    expect(validateCommandArgs(thermostat, "setTarget", { target: 22, mode: "heat" })).toBeNull();
    expect(validateCommandArgs(thermostat, "power", { on: false })).toBeNull();
  });

  it("names every wrong field", () => {
    expect(validateCommandArgs(thermostat, "setTarget", { target: 31, mode: "dry", extra: 1 })).toEqual({
      target: "must be at most 30",
      mode: "must be one of heat, cool",
      extra: "is not an argument of Set target",
    });
    expect(validateCommandArgs(thermostat, "setTarget", { target: "22" })).toEqual({
      target: "must be a number",
      mode: "is required",
    });
    expect(validateCommandArgs(thermostat, "power", { on: 1 })).toEqual({ on: "must be true or false" });
  });

  it("rejects unknown devices and commands", () => {
    expect(validateCommandArgs(undefined, "power", {})).toEqual({ "": "unknown device" });
    expect(validateCommandArgs(thermostat, "fly", {})).toEqual({ "": 'Thermostat 1 has no command "fly"' });
  });
});
