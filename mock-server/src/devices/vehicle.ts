/** A delivery vehicle: park / drive cycles, fuel use that depends on speed and acceleration. */
import type { CommandInfo } from "../../../src/protocol/messages";
import type { Rng } from "../rng";
import { approach, clamp, type DeviceModel, dailyCycle, type MetricSpec } from "./model";

const METRICS: MetricSpec[] = [
  { key: "speed", label: "Speed", unit: "km/h", min: 0, max: 180, warnHigh: 130, decimals: 1 },
  {
    key: "fuelConsumption",
    label: "Fuel consumption",
    unit: "L/100km",
    min: 0,
    max: 40,
    warnHigh: 18,
    decimals: 1,
  },
  { key: "fuelLevel", label: "Fuel level", unit: "%", min: 0, max: 100, warnLow: 15, decimals: 1 },
  {
    key: "cabinTemperature",
    label: "Cabin temperature",
    unit: "°C",
    min: -20,
    max: 60,
    warnLow: 10,
    warnHigh: 32,
    decimals: 1,
  },
];

const COMMANDS: CommandInfo[] = [
  { name: "lock", label: "Lock doors", args: {} },
  { name: "unlock", label: "Unlock doors", args: {}, confirm: true },
  {
    name: "setClimate",
    label: "Set climate target",
    args: { target: { type: "number", min: 16, max: 28, step: 0.5, unit: "°C" } },
  },
];

const TANK_LITRES = 70;

/** Creates a vehicle, parked or driving, with a random fuel level. */
export function createVehicle(rng: Rng): DeviceModel {
  const phase = rng.range(0, 2 * Math.PI);
  let elapsed = 0;
  let speed = 0;
  let fuelLevel = rng.range(35, 95);
  let cabin = rng.range(14, 22);
  let driving = rng.chance(0.5);
  let cruise = rng.range(30, 90);
  let phaseLeft = rng.range(5, 40);
  const state = { locked: !driving, climateTarget: rng.pick([20, 21, 22]), engine: driving };

  function nextPhase(): void {
    driving = !driving;
    phaseLeft = driving ? rng.range(30, 120) : rng.range(10, 45);
    cruise = rng.pick([30, 50, 50, 70, 90, 110]) + rng.range(-5, 5);
    if (!driving && fuelLevel < 12) fuelLevel = rng.range(90, 100);
  }

  return {
    kind: "vehicle",
    metrics: METRICS,
    commands: COMMANDS,
    state,
    sample(dt, out) {
      elapsed += dt;
      phaseLeft -= dt;
      let changed = false;
      if (phaseLeft <= 0) {
        nextPhase();
        changed = state.engine !== driving;
        state.engine = driving;
      }
      // In traffic the target speed wanders; stop-and-go happens below 60 km/h.
      if (driving && rng.chance(0.02 * dt * 10)) cruise = clamp(cruise + rng.range(-25, 25), 15, 130);
      const target = driving ? cruise : 0;
      const before = speed;
      speed = clamp(
        approach(speed, target, dt, driving ? 6 : 3) + (speed > 1 ? rng.gauss() * 0.3 : 0),
        0,
        180,
      );
      if (speed < 0.3 && !driving) speed = 0;
      const accel = (speed - before) / 3.6 / dt;
      const consumption =
        speed < 1
          ? 0
          : clamp(3.5 + 0.0007 * speed * speed + Math.max(0, accel) * 4 + 120 / (speed + 20), 0, 40) +
            rng.gauss() * 0.2;
      fuelLevel = clamp(fuelLevel - (consumption * (speed / 3600) * dt) / TANK_LITRES, 0, 100);
      const ambient = 12 + 8 * dailyCycle(elapsed, phase);
      cabin = state.engine
        ? approach(cabin, state.climateTarget, dt, 90)
        : approach(cabin, ambient, dt, 1200);
      out[0] = speed;
      out[1] = clamp(consumption, 0, 40);
      out[2] = fuelLevel;
      out[3] = clamp(cabin + rng.gauss() * 0.03, -20, 60);
      return changed;
    },
    apply(name, args) {
      if (name === "lock") state.locked = true;
      if (name === "unlock") state.locked = false;
      if (name === "setClimate") state.climateTarget = Number(args.target);
    },
  };
}
