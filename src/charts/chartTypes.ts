/** Shapes the chart components draw. They come from the store's downsampled series reads. */

/** One drawn point; `v: null` marks a break (missing data), so lines are not drawn across it. */
export interface ChartPoint {
  t: number;
  v: number | null;
}

/**
 * A span of time with no data, shaded on the chart: the device was `offline`, data was lost or
 * never recorded (`gap`), or the server could not be reached (`serverDown`).
 */
export interface TimeSpan {
  from: number;
  to: number;
  kind: "offline" | "gap" | "serverDown";
}

/** Alert thresholds of one metric; either side may be absent. */
export interface Thresholds {
  low?: number;
  high?: number;
}

/** One bucket of a history chart: `band` is [min, max] and `avg` the mean; nulls are a break. */
export interface BandPoint {
  t: number;
  band: [number, number] | null;
  avg: number | null;
}
