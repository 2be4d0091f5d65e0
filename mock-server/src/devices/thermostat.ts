/** A room thermostat: temperature follows the target while the HVAC runs, drifts otherwise. */
import type { CommandInfo } from "../../../src/protocol/messages";
import type { Rng } from "../rng";
import { approach, clamp, type DeviceModel, dailyCycle, type MetricSpec } from "./model";

const METRICS: MetricSpec[] = [
  {
    key: "temperature",
    label: "Temperature",
    unit: "°C",
    min: 0,
    max: 40,
    warnLow: 16,
    warnHigh: 28,
    decimals: 2,
  },
  { key: "humidity", label: "Humidity", unit: "%", min: 0, max: 100, warnLow: 30, warnHigh: 65, decimals: 1 },
  {
    key: "pressure",
    label: "Pressure",
    unit: "hPa",
    min: 950,
    max: 1050,
    warnLow: 980,
    warnHigh: 1040,
    decimals: 1,
  },
];

const MODES = ["off", "heat", "cool", "auto"];

const COMMANDS: CommandInfo[] = [
  {
    name: "setTarget",
    label: "Set target temperature",
    args: { target: { type: "number", min: 5, max: 30, step: 0.5, unit: "°C" } },
  },
  { name: "setMode", label: "Set mode", args: { mode: { type: "enum", values: MODES } } },
];

/** Seconds for the room to close most of the gap to the target while the HVAC runs. */
const HVAC_TAU = 20;
const AMBIENT_TAU = 900;

/** Creates a thermostat in a room with a random climate and target. */
export function createThermostat(rng: Rng): DeviceModel {
  const phase = rng.range(0, 2 * Math.PI);
  const ambientBase = rng.range(14, 19);
  let elapsed = 0;
  let temperature = rng.range(19, 23);
  let humidity = rng.range(38, 55);
  let pressure = rng.range(1005, 1022);
  const state = {
    target: rng.pick([20, 20.5, 21, 21.5, 22]),
    mode: rng.pick(["heat", "heat", "auto", "cool"]),
    hvac: "idle",
  };

  function hvacFor(): string {
    const gap = state.target - temperature;
    // Hysteresis of 0.3 degC keeps the HVAC from toggling every sample.
    const heat =
      (state.mode === "heat" || state.mode === "auto") && gap > (state.hvac === "heating" ? -0.1 : 0.3);
    const cool =
      (state.mode === "cool" || state.mode === "auto") && gap < (state.hvac === "cooling" ? 0.1 : -0.3);
    return heat ? "heating" : cool ? "cooling" : "idle";
  }

  return {
    kind: "thermostat",
    metrics: METRICS,
    commands: COMMANDS,
    state,
    sample(dt, out) {
      elapsed += dt;
      const daily = dailyCycle(elapsed, phase);
      const hvac = hvacFor();
      const changed = hvac !== state.hvac;
      state.hvac = hvac;
      const ambient = ambientBase + 3 * daily;
      temperature =
        hvac === "idle"
          ? approach(temperature, ambient, dt, AMBIENT_TAU)
          : approach(temperature, state.target + (hvac === "heating" ? 0.15 : -0.15), dt, HVAC_TAU);
      temperature = clamp(temperature + rng.gauss() * 0.01 * Math.sqrt(dt * 10), 0, 40);
      const humidityTarget = 47 + 8 * daily - (hvac === "cooling" ? 8 : 0);
      humidity = clamp(approach(humidity, humidityTarget, dt, 300) + rng.gauss() * 0.05, 5, 95);
      pressure = clamp(pressure + rng.gauss() * 0.02 * Math.sqrt(dt * 10), 960, 1045);
      // A rare sensor glitch: one reading off by a degree or two, as real sensors do.
      const spike = rng.chance(0.0008 * dt * 10) ? rng.range(-2, 2) : 0;
      // Sensor noise on the reading, not on the room: the room itself changes smoothly.
      out[0] = clamp(temperature + rng.gauss() * 0.03 + spike, 0, 40);
      out[1] = clamp(humidity + rng.gauss() * 0.15, 0, 100);
      out[2] = pressure;
      return changed;
    },
    apply(name, args) {
      if (name === "setTarget") state.target = Number(args.target);
      if (name === "setMode") state.mode = String(args.mode);
      state.hvac = hvacFor();
    },
  };
}
