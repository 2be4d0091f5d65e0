import { DefaultZIndexes, usePlotArea, useYAxisScale, ZIndexLayer } from "recharts";
import type { Thresholds } from "./chartTypes";
import { alertZones, offChartLabel, placement, strokeStops, type ThresholdSide } from "./yDomain";

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
 * Drawn inside a recharts chart, beside its threshold ReferenceLines: a faint tint over the alert
 * zones beyond the thresholds, a marker at the top or bottom edge for each threshold off the plot,
 * and the gradient that turns the line to the alert colour in the alert zones.
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
  const zones = alertZones(top, height, rows.high, rows.low);
  const zoneRows = { high: [top, top + zones.high * height], low: [top + zones.low * height, bottom] };

  return (
    <>
      <defs>
        <linearGradient id={strokeId} gradientUnits="userSpaceOnUse" x1={0} y1={top} x2={0} y2={bottom}>
          {strokeStops(zones).map((stop, index) => (
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
        SIDES.map((side) => {
          const [from, to] = zoneRows[side] as [number, number];
          return to > from ? (
            <rect
              key={side}
              className={`threshold-zone threshold-zone-${side}`}
              x={plot.x}
              width={plot.width}
              y={from}
              height={to - from}
              fill="var(--chart-threshold)"
              opacity={0.07}
            />
          ) : null;
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
                {offChartLabel(side, value, unit, where, latest)}
              </text>
            );
          })}
      </ZIndexLayer>
    </>
  );
}
