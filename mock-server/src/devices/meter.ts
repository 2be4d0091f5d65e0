/** A smart electricity meter: base load plus appliance bursts; with the relay off it draws 0 W. */
import type { CommandInfo } from "../../../src/protocol/messages";
import type { Rng } from "../rng";
import { approach, clamp, type DeviceModel, dailyCycle, type MetricSpec } from "./model";

const METRICS: MetricSpec[] = [
  { key: "power", label: "Power", unit: "W", min: 0, max: 12_000, warnHigh: 9000, decimals: 0 },
  {
    key: "voltage",
    label: "Voltage",
    unit: "V",
    min: 180,
    max: 270,
    warnLow: 207,
    warnHigh: 253,
    decimals: 1,
  },
];

const COMMANDS: CommandInfo[] = [
  { name: "relayOn", label: "Switch relay on", args: {} },
  { name: "relayOff", label: "Switch relay off", args: {}, confirm: true },
];

/** Typical appliance loads in watts: kettle, oven, heat pump, washing machine, EV charger. */
const APPLIANCES = [2200, 3000, 1500, 800, 7000];

/** Creates a meter with a random base load and grid voltage. */
export function createMeter(rng: Rng): DeviceModel {
  const phase = rng.range(0, 2 * Math.PI);
  const baseLoad = rng.range(150, 600);
  let elapsed = 0;
  let applianceLoad = 0;
  let applianceLeft = 0;
  let gridVoltage = rng.range(226, 234);
  let power = baseLoad;
  const state = { relay: true };

  return {
    kind: "meter",
    metrics: METRICS,
    commands: COMMANDS,
    state,
    sample(dt, out) {
      elapsed += dt;
      applianceLeft -= dt;
      if (applianceLeft <= 0) {
        applianceLoad = rng.chance(0.55) ? rng.pick(APPLIANCES) * rng.range(0.85, 1.05) : 0;
        applianceLeft = rng.range(15, 120);
      }
      const demand = baseLoad * (1 + 0.4 * dailyCycle(elapsed, phase)) + applianceLoad;
      power = state.relay ? approach(power, demand, dt, 1.5) : 0;
      gridVoltage = clamp(approach(gridVoltage, 230, dt, 600) + rng.gauss() * 0.05, 215, 245);
      // Heavy loads pull the local voltage down a little; a rare grid transient spikes it.
      const sag = (power / 1000) * 0.6;
      const transient = rng.chance(0.0003 * dt * 10) ? rng.range(-12, 12) : 0;
      out[0] = state.relay ? clamp(power + rng.gauss() * 6, 0, 12_000) : 0;
      out[1] = clamp(gridVoltage - sag + transient + rng.gauss() * 0.3, 180, 270);
      return false;
    },
    apply(name) {
      if (name === "relayOn") state.relay = true;
      if (name === "relayOff") {
        state.relay = false;
        power = 0;
      }
    },
  };
}
