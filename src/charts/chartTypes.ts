/** Shapes the chart components draw. They come from the store's downsampled series reads. */

/** One drawn point; `v: null` marks a break (missing data), so lines are not drawn across it. */
export interface ChartPoint {
  t: number;
  v: number | null;
}

/** A span of time the device was offline or data was lost, shaded on the chart. */
export interface TimeSpan {
  from: number;
  to: number;
  kind: "offline" | "gap";
}

/** Alert thresholds of one metric; either side may be absent. */
export interface Thresholds {
  low?: number;
  high?: number;
}
