/**
 * Where a live chart's alert thresholds go: which ones the Y axis stretches to include, which ones
 * stay off the chart behind an edge marker, and where the line turns to the alert colour.
 * Pure, so the rules are tested without a browser.
 */

import { t } from "../i18n/i18n";
import type { ChartPoint, Thresholds } from "./chartTypes";
import { formatLimit, formatValue } from "./format";

export type ThresholdSide = "low" | "high";

/** The lowest and highest value drawn. */
export interface ValueRange {
  lo: number;
  hi: number;
}

/**
 * A threshold is brought onto the chart while the data still fills at least this share of the
 * plot height: nearer thresholds are worth the lost resolution, farther ones are not.
 */
export const SHOW_SHARE = 1 / 3;
/**
 * Once on the chart a threshold stays until the data would fill less than this share, so a value
 * wandering around the boundary does not make the axis jump at every redraw.
 */
export const KEEP_SHARE = 1 / 4;
/** The range of the finite values among `points`, or undefined when there are none. */
export function valueRange(points: readonly ChartPoint[]): ValueRange | undefined {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const point of points) {
    const v = point.v;
    if (v === null || !Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo <= hi ? { lo, hi } : undefined;
}

/**
 * The share of the plot height the data fills when the axis also covers `values`. A flat line
 * fills none: recharts centres it in a range of its own, which may show a near threshold anyway.
 */
export function dataShare(range: ValueRange, values: readonly number[]): number {
  const span = range.hi - range.lo;
  const above = Math.max(0, ...values.map((value) => value - range.hi));
  const below = Math.max(0, ...values.map((value) => range.lo - value));
  if (span === 0) return above + below === 0 ? 1 : 0;
  return span / (span + above + below);
}

/** Which thresholds the Y axis stretches to include. */
export type Extended = Readonly<Record<ThresholdSide, boolean>>;

export const NONE_EXTENDED: Extended = { low: false, high: false };

/**
 * Decides which thresholds the axis includes, nearest first, while the data keeps its share of the
 * height (`SHOW_SHARE`, or `KEEP_SHARE` for a threshold `previous` already included; pass the last
 * decision made with data). A threshold the line crosses is always included. One the whole window
 * is beyond follows the same rule: the line is drawn in the alert colour either way, and a far
 * threshold would flatten it. With no data every threshold is included, so an empty chart still
 * shows where they are.
 */
export function extendedThresholds(
  range: ValueRange | undefined,
  thresholds: Thresholds | undefined,
  previous: Extended = NONE_EXTENDED,
): Extended {
  const result = { low: false, high: false };
  const sides = (["low", "high"] as const).filter((side) => thresholds?.[side] !== undefined);
  if (!range) {
    for (const side of sides) result[side] = true;
    return result;
  }
  // How far the axis must stretch past the data to reach a side's threshold.
  const distance = (side: ThresholdSide) => {
    const value = thresholds?.[side] as number;
    return Math.max(0, value - range.hi, range.lo - value);
  };
  const included: number[] = [];
  for (const side of sides.sort((a, b) => distance(a) - distance(b))) {
    const value = thresholds?.[side] as number;
    const needed = previous[side] ? KEEP_SHARE : SHOW_SHARE;
    if (distance(side) > 0 && dataShare(range, [...included, value]) < needed) continue;
    result[side] = true;
    included.push(value);
  }
  return result;
}

/** The range the axis covers before it is rounded to nice ticks: the data and the included thresholds. */
export function coveredRange(
  range: ValueRange | undefined,
  thresholds: Thresholds | undefined,
  extended: Extended,
): ValueRange | undefined {
  const values = (["low", "high"] as const)
    .filter((side) => extended[side])
    .map((side) => thresholds?.[side])
    .filter((value) => value !== undefined);
  if (!range && values.length === 0) return undefined;
  const all = range ? [range.lo, range.hi, ...values] : values;
  return { lo: Math.min(...all), hi: Math.max(...all) };
}

/** Where a threshold at pixel `y` sits against a plot from `top` to `bottom` (y grows downwards). */
export function placement(y: number, top: number, bottom: number): "above" | "on" | "below" {
  if (y < top) return "above";
  if (y > bottom) return "below";
  return "on";
}

/**
 * The marker of a threshold that is off the chart `where`, e.g. `high 33.5 °C ↑ 12.1 away`, the
 * distance counted from the latest value when there is one.
 */
export function offChartLabel(
  side: ThresholdSide,
  value: number,
  unit: string,
  where: "above" | "below",
  latest?: number,
): string {
  const sideWord = t(side === "high" ? "threshold.sideHigh" : "threshold.sideLow");
  const text = `${sideWord} ${formatLimit(value, unit)} ${where === "above" ? "↑" : "↓"}`;
  if (latest === undefined || !Number.isFinite(latest)) return text;
  return t("threshold.offChartAway", { text, distance: formatValue(Math.abs(value - latest)) });
}

/**
 * The alert zones over the plot height, as fractions from its top: above `high` and below `low`
 * (no high zone is `high: 0`, no low zone `low: 1`), given the thresholds' pixel rows. A row off
 * the plot clamps to its edge: a high threshold below the plot makes all of it an alert zone.
 */
export function alertZones(
  top: number,
  height: number,
  highY?: number,
  lowY?: number,
): { high: number; low: number } {
  const at = (y: number) => (height > 0 ? Math.min(1, Math.max(0, (y - top) / height)) : 0);
  const high = highY === undefined ? 0 : at(highY);
  return { high, low: lowY === undefined ? 1 : Math.max(high, at(lowY)) };
}

/** One colour stop of the line's stroke: the alert colour beyond a threshold, the normal one inside. */
export interface StrokeStop {
  offset: number;
  alert: boolean;
}

/** Colour stops over the plot height (0 at the top) that turn the line to the alert colour in `zones`. */
export function strokeStops(zones: { high: number; low: number }): StrokeStop[] {
  const { high, low } = zones;
  const stops: StrokeStop[] = [];
  if (high > 0) stops.push({ offset: 0, alert: true }, { offset: high, alert: true });
  stops.push({ offset: high, alert: false }, { offset: low, alert: false });
  if (low < 1) stops.push({ offset: low, alert: true }, { offset: 1, alert: true });
  return stops;
}

/**
 * The thresholds in words, for the chart's text alternative: where the latest value is beyond one,
 * that alone; otherwise each threshold and its distance from the latest value.
 */
export function thresholdSummary(thresholds: Thresholds | undefined, unit: string, latest?: number): string {
  const known = latest !== undefined && Number.isFinite(latest);
  const { low, high } = thresholds ?? {};
  if (known && high !== undefined && latest > high)
    return t("threshold.aboveHigh", { limit: formatLimit(high, unit) });
  if (known && low !== undefined && latest < low)
    return t("threshold.belowLow", { limit: formatLimit(low, unit) });
  const parts: string[] = [];
  for (const [first, next, value] of [
    ["threshold.high", "threshold.highNext", high],
    ["threshold.low", "threshold.lowNext", low],
  ] as const) {
    if (value === undefined) continue;
    const away = known ? t("threshold.away", { distance: formatValue(Math.abs(value - latest)) }) : "";
    parts.push(`${t(parts.length ? next : first, { limit: formatLimit(value, unit) })}${away}`);
  }
  return parts.length ? t("threshold.list", { list: parts.join(t("threshold.separator")) }) : "";
}
