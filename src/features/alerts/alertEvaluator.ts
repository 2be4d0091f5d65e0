/** Pure alert logic: a value beyond its threshold for longer than a hold time raises; back inside clears. */
import type { Thresholds } from "../../charts/chartTypes";

/** How long a value must stay beyond a threshold before an alert is raised. */
export const ALERT_HOLD_MS = 3000;

export type AlertSide = "high" | "low";

/** Per (device, metric) tracking between samples. */
export interface AlertTrack {
  /** Sample time when the value first went beyond (on `side`), while it stays there. */
  beyondSince?: number;
  side?: AlertSide;
  raised: boolean;
}

export type AlertChange =
  | { kind: "raised"; side: AlertSide; value: number; t: number; limit: number }
  | { kind: "cleared"; value: number; t: number };

export const IDLE_TRACK: AlertTrack = { raised: false };

/** Which side of the thresholds a value is on, or undefined when inside. */
export function beyond(value: number, thresholds: Thresholds): AlertSide | undefined {
  if (thresholds.high !== undefined && value > thresholds.high) return "high";
  if (thresholds.low !== undefined && value < thresholds.low) return "low";
  return undefined;
}

/**
 * Advances one track by one sample (time `t`, value `v`). NaN values (missing) change nothing.
 * Returns the next track and the change it caused, if any.
 */
export function stepAlert(
  track: AlertTrack,
  t: number,
  v: number,
  thresholds: Thresholds,
  holdMs = ALERT_HOLD_MS,
): { track: AlertTrack; change?: AlertChange } {
  if (!Number.isFinite(v)) return { track };
  const side = beyond(v, thresholds);
  if (!side) {
    if (track.raised) return { track: IDLE_TRACK, change: { kind: "cleared", value: v, t } };
    return { track: track.beyondSince === undefined ? track : IDLE_TRACK };
  }
  const since = track.side === side && track.beyondSince !== undefined ? track.beyondSince : t;
  if (!track.raised && t - since > holdMs) {
    const limit = (side === "high" ? thresholds.high : thresholds.low) as number;
    return {
      track: { beyondSince: since, side, raised: true },
      change: { kind: "raised", side, value: v, t, limit },
    };
  }
  return { track: { beyondSince: since, side, raised: track.raised } };
}

/**
 * Default thresholds of a metric. When the device declares typical limits (`warnLow`,
 * `warnHigh`, PROTOCOL.md), they are the defaults, each side only where declared. Otherwise they
 * come from the declared range, 5 % inside each end: a range starting at 0 in a unit other than
 * % or a temperature (speed, steps, power) sits at 0 in normal use, so it gets no low threshold;
 * percentages (battery, fuel level) keep theirs, running low is the point; a store meant to be
 * full (battery, fuel level) gets no high threshold.
 */
export function defaultThresholds(range: {
  min: number;
  max: number;
  unit?: string;
  key?: string;
  label?: string;
  warnLow?: number;
  warnHigh?: number;
}): Thresholds {
  if (range.warnLow !== undefined || range.warnHigh !== undefined) {
    return {
      ...(range.warnLow === undefined ? {} : { low: range.warnLow }),
      ...(range.warnHigh === undefined ? {} : { high: range.warnHigh }),
    };
  }
  const margin = (range.max - range.min) * 0.05;
  const low = round(range.min + margin);
  const high = round(range.max - margin);
  if (/battery|fuel ?level|charge/i.test(`${range.key ?? ""} ${range.label ?? ""}`)) return { low };
  if (range.min === 0 && !["%", "°C", "degC"].includes(range.unit ?? "")) return { high };
  return { low, high };
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
