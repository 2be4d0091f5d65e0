import { describe, expect, it } from "vitest";
import type { AlertRule } from "../../protocol/messages";
import { describeRule, ruleFromFields, rulesFor, thresholdsOf } from "./ruleModel";

const device = { id: "thermo-001", kind: "thermostat" as const };
const metric = { key: "temperature", label: "Temperature" };
const rule = (id: string, scope: AlertRule["scope"], extra: Partial<AlertRule> = {}): AlertRule => ({
  id,
  name: id,
  scope,
  metric: "temperature",
  op: "above",
  threshold: 28,
  forSeconds: 0,
  severity: "warning",
  ...extra,
});

describe("rulesFor", () => {
  const byDefault = rule(
    "default.thermostat.temperature",
    { kind: "thermostat" },
    { default: true, op: "outside", low: 16, high: 28, threshold: undefined },
  );
  const kind = rule("k", { kind: "thermostat" }, { threshold: 30 });
  const own = rule("d", { device: "thermo-001" }, { threshold: 25 });
  const other = rule("o", { device: "thermo-002" }, { threshold: 1 });

  it("takes the device's rules, else the kind's stored ones, else the default", () => {
    expect(rulesFor([byDefault, kind, own, other], device, "temperature")).toEqual({
      level: "device",
      rules: [own],
    });
    expect(rulesFor([byDefault, kind, other], device, "temperature")).toEqual({
      level: "kind",
      rules: [kind],
    });
    expect(rulesFor([byDefault, other], device, "temperature")).toEqual({
      level: "default",
      rules: [byDefault],
    });
    expect(rulesFor([byDefault], device, "humidity")).toEqual({ level: "none", rules: [] });
  });

  it("draws the nearest enabled thresholds", () => {
    const critical = rule("c", { device: "thermo-001" }, { threshold: 35 });
    const below = rule("b", { device: "thermo-001" }, { op: "below", threshold: 10 });
    const off = rule("x", { device: "thermo-001" }, { threshold: 20, enabled: false });
    expect(thresholdsOf([own, critical, below, off])).toEqual({ low: 10, high: 25 });
    expect(thresholdsOf([byDefault])).toEqual({ low: 16, high: 28 });
    expect(thresholdsOf([off])).toEqual({});
  });

  it("says a rule in words", () => {
    expect(
      describeRule(rule("r", { kind: "thermostat" }, { forSeconds: 60, severity: "critical" }), "°C"),
    ).toBe("above 28 °C for 60 s, critical");
    expect(describeRule(byDefault, "°C")).toBe("outside 16 °C to 28 °C, warning");
  });
});

describe("ruleFromFields", () => {
  const fields = { low: "", high: "", forSeconds: "3", severity: "critical" as const };

  it("makes an above, below or outside rule for the chosen scope", () => {
    expect(ruleFromFields({ ...fields, high: "28.5" }, { kind: "thermostat" }, metric)).toEqual({
      ok: true,
      rule: {
        name: "Temperature on every thermostat",
        scope: { kind: "thermostat" },
        metric: "temperature",
        op: "above",
        threshold: 28.5,
        forSeconds: 3,
        severity: "critical",
        enabled: true,
      },
    });
    const below = ruleFromFields({ ...fields, low: "5" }, { device: "thermo-001" }, metric);
    expect(below.ok && below.rule).toMatchObject({
      op: "below",
      threshold: 5,
      name: "Temperature on this device",
    });
    const band = ruleFromFields({ ...fields, low: "5", high: "30" }, { device: "thermo-001" }, metric);
    expect(band.ok && band.rule).toMatchObject({ op: "outside", low: 5, high: 30 });
  });

  it("refuses fields that make no rule, in words", () => {
    const scope = { device: "thermo-001" };
    expect(ruleFromFields(fields, scope, metric)).toEqual({
      ok: false,
      error: "Enter a low or a high threshold (or remove the rule).",
    });
    expect(ruleFromFields({ ...fields, low: "30", high: "20" }, scope, metric)).toEqual({
      ok: false,
      error: "The low threshold must be below the high one.",
    });
    expect(ruleFromFields({ ...fields, high: "abc" }, scope, metric)).toMatchObject({ ok: false });
    expect(ruleFromFields({ ...fields, high: "1", forSeconds: "-1" }, scope, metric)).toMatchObject({
      ok: false,
    });
  });
});
