/** What every simulated device kind provides to the fleet clock. */

import type { MetricSpec } from "../../../server/src/fleet";
import type { CommandArgs, CommandInfo, DeviceKind, DeviceState } from "../../../src/protocol/messages";
import type { Rng } from "../rng";

export type { MetricSpec } from "../../../server/src/fleet";

/** The simulation of one device: its physics, its state and how it reacts to commands. */
export interface DeviceModel {
  readonly kind: DeviceKind;
  readonly metrics: MetricSpec[];
  readonly commands: CommandInfo[];
  /** Current state, mutated in place by `sample` and `apply`. */
  readonly state: DeviceState;
  /**
   * Advances the simulation by `dt` seconds and writes one sample per metric into `out`, in
   * `metrics` order. Returns true when the device changed its own state (e.g. started charging).
   */
  sample(dt: number, out: number[]): boolean;
  /** Applies a command whose name and arguments were already validated against `commands`. */
  apply(name: string, args: CommandArgs): void;
}

/** Builds one device of a kind; all randomness comes from `rng`. */
export type DeviceFactory = (rng: Rng) => DeviceModel;

/** Limits `value` to `min..max`. */
export function clamp(value: number, min: number, max: number): number {
  return value < min ? min : value > max ? max : value;
}

/** First-order lag: moves `value` toward `target` with time constant `tau` seconds. */
export function approach(value: number, target: number, dt: number, tau: number): number {
  return value + (target - value) * (1 - Math.exp(-dt / tau));
}

/** A slow daily cycle in [-1, 1], from simulated seconds and a per-device phase. */
export function dailyCycle(elapsed: number, phase: number): number {
  return Math.sin((2 * Math.PI * elapsed) / 86_400 + phase);
}
