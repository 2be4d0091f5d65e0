import { describe, expect, it } from "vitest";
import { createRng } from "../rng";
import { DEVICE_FACTORIES, DEVICE_KINDS, type DeviceModel } from "./index";

/** Runs a model for `seconds` of simulated time at `rate`, returning each metric's samples. */
function run(model: DeviceModel, seconds: number, rate = 10): number[][] {
  const out = model.metrics.map(() => 0);
  const series: number[][] = model.metrics.map(() => []);
  for (let i = 0; i < seconds * rate; i++) {
    model.sample(1 / rate, out);
    for (let m = 0; m < out.length; m++) series[m]?.push(out[m] as number);
  }
  return series;
}

describe.each(DEVICE_KINDS)("%s", (kind) => {
  it("stays within its physical ranges over two simulated hours, for several seeds", () => {
    for (const seed of [1, 2, 3, 42]) {
      const model = DEVICE_FACTORIES[kind](createRng(seed, kind));
      const series = run(model, 7200, 2);
      model.metrics.forEach((metric, m) => {
        const values = series[m] ?? [];
        expect(Math.min(...values), `${metric.key} min`).toBeGreaterThanOrEqual(metric.min);
        expect(Math.max(...values), `${metric.key} max`).toBeLessThanOrEqual(metric.max);
        expect(new Set(values).size, `${metric.key} varies`).toBeGreaterThan(1);
      });
    }
  });

  it("is deterministic for a seed", () => {
    const a = run(DEVICE_FACTORIES[kind](createRng(9, "x")), 60);
    const b = run(DEVICE_FACTORIES[kind](createRng(9, "x")), 60);
    const c = run(DEVICE_FACTORIES[kind](createRng(10, "x")), 60);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it("declares warn thresholds inside the physical range", () => {
    const model = DEVICE_FACTORIES[kind](createRng(1));
    for (const metric of model.metrics) {
      if (metric.warnLow !== undefined) expect(metric.warnLow).toBeGreaterThan(metric.min);
      if (metric.warnHigh !== undefined) expect(metric.warnHigh).toBeLessThan(metric.max);
    }
  });
});

describe("reactions to commands", () => {
  it("a thermostat converges to a new target within tens of seconds", () => {
    const model = DEVICE_FACTORIES.thermostat(createRng(5));
    model.apply("setMode", { mode: "auto" });
    run(model, 120);
    model.apply("setTarget", { target: 27 });
    const [temperature] = run(model, 90);
    const last = temperature?.slice(-50) ?? [];
    const mean = last.reduce((a, b) => a + b, 0) / last.length;
    expect(Math.abs(mean - 27)).toBeLessThan(0.6);
    expect(model.state.hvac).not.toBe("cooling");
  });

  it("a thermostat switched off drifts instead of holding the target", () => {
    const model = DEVICE_FACTORIES.thermostat(createRng(6));
    model.apply("setTarget", { target: 30 });
    model.apply("setMode", { mode: "off" });
    const [temperature] = run(model, 60);
    expect(Math.max(...(temperature ?? []))).toBeLessThan(28);
    expect(model.state.hvac).toBe("idle");
  });

  it("a meter draws exactly 0 W with its relay off, and power again when on", () => {
    const model = DEVICE_FACTORIES.meter(createRng(7));
    model.apply("relayOff", {});
    const [off] = run(model, 30);
    expect(new Set(off)).toEqual(new Set([0]));
    model.apply("relayOn", {});
    const [on] = run(model, 30);
    expect(Math.max(...(on ?? []).slice(-10))).toBeGreaterThan(50);
  });

  it("a vehicle's lock and climate target follow commands; fuel only goes down while driving", () => {
    const model = DEVICE_FACTORIES.vehicle(createRng(8));
    model.apply("unlock", {});
    expect(model.state.locked).toBe(false);
    model.apply("setClimate", { target: 24 });
    expect(model.state.climateTarget).toBe(24);
    const [speed, , fuel] = run(model, 600);
    expect(Math.max(...(speed ?? []))).toBeGreaterThan(20);
    expect(Math.min(...(speed ?? []))).toBe(0);
    const drops = (fuel ?? []).filter((v, i, all) => i > 0 && v < (all[i - 1] as number)).length;
    expect(drops).toBeGreaterThan(0);
  });

  it("a wearable counts steps upward and resets them on command", () => {
    const model = DEVICE_FACTORIES.wearable(createRng(9));
    model.apply("setMode", { mode: "workout" });
    const [heartRate, steps] = run(model, 300);
    const counts = steps ?? [];
    for (let i = 1; i < counts.length; i++) expect(counts[i]).toBeGreaterThanOrEqual(counts[i - 1] as number);
    expect(Math.max(...(heartRate ?? []))).toBeGreaterThan(120);
    model.apply("resetSteps", {});
    const [, after] = run(model, 1);
    expect(after?.[0]).toBeLessThan(10);
  });
});
