import { DefaultZIndexes, usePlotArea, useYAxisScale, ZIndexLayer } from "recharts";
import type { Thresholds } from "./chartTypes";
import { offChartLabel, placement, strokeStops, type ThresholdSide } from "./yDomain";

export interface ThresholdMarksProps {
  thresholds: Thresholds | undefined;
  unit: string;
  /** The latest value, for the distance on an off-chart marker. */
  latest?: number;
  /** Id of the stroke gradient the chart's line is drawn with. */
  strokeId: string;
}

const SIDES = ["high", "low"] as const;

/**
 * Drawn inside a recharts chart, beside its threshold ReferenceLines: a faint band over the alert
 * zone beyond each threshold on the plot, a marker at the top or bottom edge for each threshold
 * off it, and the gradient that turns the line to the alert colour beyond a threshold.
 */
export function ThresholdMarks({ thresholds, unit, latest, strokeId }: ThresholdMarksProps) {
  const plot = usePlotArea();
  const scale = useYAxisScale();
  const top = plot?.y ?? 0;
  const height = plot?.height ?? 0;
  const bottom = top + height;
  const rows: Partial<Record<ThresholdSide, number>> = {};
  for (const side of SIDES) {
    const value = thresholds?.[side];
    const y = value === undefined ? undefined : scale?.(value);
    if (y !== undefined && Number.isFinite(y)) rows[side] = y;
  }
  const on = (side: ThresholdSide) => rows[side] !== undefined && placement(rows[side], top, bottom) === "on";
  const stops = strokeStops(
    top,
    height,
    on("high") ? rows.high : undefined,
    on("low") ? rows.low : undefined,
  );

  return (
    <>
      <defs>
        <linearGradient id={strokeId} gradientUnits="userSpaceOnUse" x1={0} y1={top} x2={0} y2={bottom}>
          {stops.map((stop, index) => (
            <stop
              // Stops are positional: two may share an offset, so the index is the identity.
              // biome-ignore lint/suspicious/noArrayIndexKey: see above
              key={index}
              offset={stop.offset}
              stopColor={stop.alert ? "var(--chart-threshold)" : "var(--chart-line)"}
            />
          ))}
        </linearGradient>
      </defs>
      {plot &&
        SIDES.filter(on).map((side) => {
          const y = rows[side] as number;
          return (
            <rect
              key={side}
              className={`threshold-zone threshold-zone-${side}`}
              x={plot.x}
              width={plot.width}
              y={side === "high" ? top : y}
              height={side === "high" ? y - top : bottom - y}
              fill="var(--chart-threshold)"
              opacity={0.07}
            />
          );
        })}
      <ZIndexLayer zIndex={DefaultZIndexes.axis}>
        {plot &&
          SIDES.map((side) => {
            const value = thresholds?.[side];
            const y = rows[side];
            if (value === undefined || y === undefined) return null;
            const where = placement(y, top, bottom);
            if (where === "on") return null;
            return (
              <text
                key={side}
                className={`threshold-offchart threshold-offchart-${side}`}
                // At the left: the right edge is where the newest value is drawn.
                x={plot.x + 6}
                y={where === "above" ? top + 12 : bottom - 5}
                fontSize={11}
                fill="var(--chart-threshold)"
                stroke="var(--surface)"
                strokeWidth={3}
                paintOrder="stroke"
              >
                {offChartLabel(side, value, unit, latest)}
              </text>
            );
          })}
      </ZIndexLayer>
    </>
  );
}
