import { describe, expect, it } from "vitest";
import type { CommandInfo } from "../../protocol/messages";
import { argError, describeArgs, initialArgs, numberStep } from "./commandForm";

const setTarget: CommandInfo = {
  name: "setTarget",
  label: "Set target",
  args: {
    target: { type: "number", min: 5, max: 30, unit: "°C" },
    mode: { type: "enum", values: ["heat", "cool", "off"] },
    boost: { type: "boolean" },
  },
};

describe("initialArgs", () => {
  it("starts from the device's state when it has the field", () => {
    expect(initialArgs(setTarget, { target: 22, mode: "cool", boost: true })).toEqual({
      target: 22,
      mode: "cool",
      boost: true,
    });
  });

  it("matches a prefixed state field such as climateTarget", () => {
    expect(initialArgs(setTarget, { climateTarget: 19, locked: true })).toMatchObject({ target: 19 });
  });

  it("falls back to the schema when the state lacks or mistypes a field", () => {
    expect(initialArgs(setTarget, { target: "hot", mode: "turbo" })).toEqual({
      target: 5,
      mode: "heat",
      boost: false,
    });
  });
});

describe("argError", () => {
  const target = setTarget.args.target!;
  it("checks numbers against min and max with the unit", () => {
    expect(argError(target, 4)).toBe("Must be at least 5 °C.");
    expect(argError(target, 31)).toBe("Must be at most 30 °C.");
    expect(argError(target, Number.NaN)).toBe("Enter a number.");
    expect(argError(target, 22)).toBeUndefined();
  });

  it("checks enum values and booleans", () => {
    expect(argError(setTarget.args.mode!, "turbo")).toBe("Choose one of the options.");
    expect(argError(setTarget.args.boost!, "yes")).toBe("Choose on or off.");
  });
});

describe("numberStep / describeArgs", () => {
  it("picks a step from the range", () => {
    expect(numberStep({ type: "number", min: 0, max: 30 })).toBe(0.5);
    expect(numberStep({ type: "number", min: 0, max: 5000 })).toBe(1);
    expect(numberStep({ type: "number", step: 0.1 })).toBe(0.1);
  });

  it("describes arguments with units", () => {
    expect(describeArgs(setTarget, { target: 22, boost: false })).toBe("target 22 °C, boost off");
  });
});
