/** A fitness wearable: heart rate follows activity bouts, steps accumulate, the battery drains. */
import type { CommandInfo } from "../../../src/protocol/messages";
import type { Rng } from "../rng";
import { approach, clamp, type DeviceModel, type MetricSpec } from "./model";

const METRICS: MetricSpec[] = [
  {
    key: "heartRate",
    label: "Heart rate",
    unit: "bpm",
    min: 30,
    max: 220,
    warnLow: 45,
    warnHigh: 160,
    decimals: 0,
  },
  { key: "steps", label: "Steps", unit: "steps", min: 0, max: 100_000, decimals: 0 },
  { key: "battery", label: "Battery", unit: "%", min: 0, max: 100, warnLow: 20, decimals: 1 },
];

const MODES = ["normal", "workout", "sleep"];

const COMMANDS: CommandInfo[] = [
  { name: "setMode", label: "Set mode", args: { mode: { type: "enum", values: MODES } } },
  { name: "vibrate", label: "Vibrate (find device)", args: {} },
  { name: "resetSteps", label: "Reset step count", args: {}, confirm: true },
];

type Activity = "rest" | "walk" | "run" | "sleep";
const HEART_RATE: Record<Activity, number> = { sleep: 54, rest: 68, walk: 98, run: 148 };
const CADENCE: Record<Activity, number> = { sleep: 0, rest: 0, walk: 1.8, run: 2.7 };

/** Creates a wearable for a person of random fitness. */
export function createWearable(rng: Rng): DeviceModel {
  const fitness = rng.range(-8, 8);
  let heartRate = 70 + fitness;
  let steps = rng.int(0, 9000);
  let stepFraction = 0;
  let battery = rng.range(40, 100);
  let activity: Activity = "rest";
  let boutLeft = rng.range(5, 30);
  const state = { mode: "normal", charging: false };

  function nextActivity(): Activity {
    if (state.mode === "sleep") return "sleep";
    if (state.mode === "workout") return rng.chance(0.8) ? "run" : "walk";
    return rng.pick<Activity>(["rest", "rest", "walk", "walk", "run"]);
  }

  return {
    kind: "wearable",
    metrics: METRICS,
    commands: COMMANDS,
    state,
    sample(dt, out) {
      boutLeft -= dt;
      if (boutLeft <= 0) {
        activity = nextActivity();
        boutLeft = rng.range(20, 90);
      }
      heartRate = approach(heartRate, HEART_RATE[activity] + fitness, dt, activity === "run" ? 15 : 25);
      stepFraction += CADENCE[activity] * dt * (0.9 + 0.2 * rng.next());
      const whole = Math.floor(stepFraction);
      steps = Math.min(steps + whole, 100_000);
      stepFraction -= whole;
      const wasCharging = state.charging;
      const drain = state.mode === "workout" ? 0.03 : 0.012;
      battery = clamp(battery + (state.charging ? 0.15 : -drain) * dt, 0, 100);
      if (battery < 8) state.charging = true;
      if (battery >= 100) state.charging = false;
      // Occasional optical-sensor artefact: a beat misread by 20-40 bpm.
      const artefact = rng.chance(0.0005 * dt * 10) ? rng.range(20, 40) : 0;
      out[0] = clamp(heartRate + rng.gauss() * 1.2 + artefact, 30, 220);
      out[1] = steps;
      out[2] = battery;
      return wasCharging !== state.charging;
    },
    apply(name, args) {
      if (name === "setMode") {
        state.mode = String(args.mode);
        activity = nextActivity();
        boutLeft = rng.range(20, 90);
      }
      if (name === "resetSteps") steps = 0;
    },
  };
}
