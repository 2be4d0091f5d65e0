import type { ChartPoint } from "./chartTypes";

export interface SparklineProps {
  points: readonly ChartPoint[];
  /** Time range drawn, so a quiet device does not stretch its few points across the width. */
  from: number;
  to: number;
  min?: number;
  max?: number;
  width?: number;
  height?: number;
  /** Accessible description, e.g. "Temperature over the last minute". */
  label: string;
}

/** Builds the SVG path; a null value lifts the pen so gaps stay visible. */
export function sparklinePath(
  points: readonly ChartPoint[],
  box: { from: number; to: number; min: number; max: number; width: number; height: number },
): string {
  const span = box.to - box.from || 1;
  const range = box.max - box.min || 1;
  let path = "";
  let penDown = false;
  for (const point of points) {
    if (point.v === null || !Number.isFinite(point.v)) {
      penDown = false;
      continue;
    }
    const x = ((point.t - box.from) / span) * box.width;
    const y = box.height - ((point.v - box.min) / range) * box.height;
    path += `${penDown ? "L" : "M"}${x.toFixed(1)} ${y.toFixed(1)}`;
    penDown = true;
  }
  return path;
}

/** A tiny SVG trend line; cheap enough to draw on hundreds of cards at once. */
export function Sparkline({ points, from, to, min, max, width = 160, height = 36, label }: SparklineProps) {
  let lo = min ?? Number.POSITIVE_INFINITY;
  let hi = max ?? Number.NEGATIVE_INFINITY;
  if (min === undefined || max === undefined) {
    for (const point of points) {
      if (point.v === null || !Number.isFinite(point.v)) continue;
      if (min === undefined) lo = Math.min(lo, point.v);
      if (max === undefined) hi = Math.max(hi, point.v);
    }
  }
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) {
    lo = 0;
    hi = 1;
  }
  const pad = (hi - lo) * 0.08 || 0.5;
  const d = sparklinePath(points, { from, to, min: lo - pad, max: hi + pad, width, height });
  return (
    <svg
      className="sparkline"
      viewBox={`0 0 ${width} ${height}`}
      preserveAspectRatio="none"
      role="img"
      aria-label={label}
    >
      <path
        d={d}
        fill="none"
        stroke="var(--chart-line)"
        strokeWidth={1.5}
        vectorEffect="non-scaling-stroke"
      />
    </svg>
  );
}
