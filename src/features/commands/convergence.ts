/** Desired vs reported: pairs a device's numeric setpoint with the metric it steers. */
import type { DeviceInfo, MetricInfo } from "../../protocol/messages";

export interface Setpoint {
  /** State field holding the desired value, e.g. `target`. */
  stateKey: string;
  metric: MetricInfo;
}

function normal(text: string): string {
  return text.toLowerCase().replace(/[^a-z]/g, "");
}

/**
 * Numeric state fields named like a target (`target`, `climateTarget`) paired with the metric
 * they steer: a temperature metric sharing a word with the field (`climate`/`cabin` fall back to
 * any temperature), so thermostats and vehicles both get a "target vs measured" line.
 */
export function findSetpoints(info: Pick<DeviceInfo, "metrics" | "state">): Setpoint[] {
  const result: Setpoint[] = [];
  for (const [key, value] of Object.entries(info.state)) {
    if (typeof value !== "number" || !normal(key).includes("target")) continue;
    const stem = normal(key).replace("target", "");
    const candidates = info.metrics.filter((metric) => normal(metric.key + metric.label).includes("temp"));
    const metric =
      info.metrics.find((m) => stem && normal(m.key).includes(stem)) ??
      candidates.find((m) => stem && normal(m.key + m.label).includes(stem)) ??
      candidates[0];
    if (metric) result.push({ stateKey: key, metric });
  }
  return result;
}

export type Convergence = "at target" | "converging" | "moving away" | "not converging" | "waiting for data";

/**
 * Where the measured value stands against the target: within a tolerance (2 % of the metric's
 * range) it is "at target"; otherwise whether the distance to the target shrank since `earlier`
 * by more than noise (0.5 % of the range), grew by as much, or neither ("not converging": a
 * thermostat in cool mode below its target just drifts).
 */
export function convergence(
  target: number,
  latest: number | undefined,
  earlier: number | undefined,
  range: Pick<MetricInfo, "min" | "max">,
): Convergence {
  if (latest === undefined || !Number.isFinite(latest)) return "waiting for data";
  const tolerance = Math.max(0.1, (range.max - range.min) * 0.02);
  const distance = Math.abs(latest - target);
  if (distance <= tolerance) return "at target";
  if (earlier === undefined || !Number.isFinite(earlier)) return "waiting for data";
  const closer = Math.abs(earlier - target) - distance;
  const noise = (range.max - range.min) * 0.005;
  if (closer > noise) return "converging";
  if (closer < -noise) return "moving away";
  return "not converging";
}
