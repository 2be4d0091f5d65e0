/**
 * What a Compare chart draws inside recharts: its value axes (one per unit, left and right) and
 * each series' band and line. Plain functions returning recharts elements, like charts/chartParts.
 */
import type { ReactElement } from "react";
import { Area, Line, YAxis } from "recharts";
import type { BandPoint, ChartPoint } from "../../charts/chartTypes";
import { formatTick } from "../../charts/format";
import { valueRange } from "../../charts/yDomain";
import type { AxisSide } from "./axes";
import type { CompareLine } from "./CompareChart";

function tickStep(lines: readonly CompareLine[], axis: AxisSide): number {
  const range = valueRange(lines.filter((l) => l.axis === axis).flatMap((l) => l.points));
  return range && range.hi > range.lo ? (range.hi - range.lo) / 4 : 1;
}

/** The Y axes: the first unit on the left, the second (if any) on the right, each labelled. */
export function valueAxes(
  units: readonly string[],
  lines: readonly CompareLine[],
  width: number,
): ReactElement[] {
  return units.slice(0, 2).map((unit, i) => {
    const side: AxisSide = i === 0 ? "left" : "right";
    const step = tickStep(lines, side);
    return (
      <YAxis
        key={side}
        yAxisId={side}
        orientation={side}
        domain={["auto", "auto"]}
        stroke="var(--text-muted)"
        fontSize={12}
        width={width}
        tickFormatter={(v: number) => formatTick(v, step)}
        label={{
          value: unit,
          angle: -90,
          position: side === "left" ? "insideLeft" : "insideRight",
          fill: "var(--text-muted)",
          fontSize: 11,
        }}
      />
    );
  });
}

/** Every series' faint min-max band (history), then every line on top, in its colour and dash. */
export function seriesShapes(lines: readonly CompareLine[]): ReactElement[] {
  const bands = lines.flatMap((line) =>
    line.band
      ? [
          <Area
            key={`band-${line.key}`}
            yAxisId={line.axis}
            data={line.band as BandPoint[]}
            dataKey="band"
            type="linear"
            stroke="none"
            fill={line.style.color}
            fillOpacity={0.12}
            isAnimationActive={false}
            connectNulls={false}
            activeDot={false}
          />,
        ]
      : [],
  );
  return [
    ...bands,
    ...lines.map((line) => (
      <Line
        key={line.key}
        className="compare-line"
        yAxisId={line.axis}
        data={line.points as ChartPoint[]}
        dataKey="v"
        name={line.name}
        type="linear"
        stroke={line.style.color}
        strokeDasharray={line.style.dash || undefined}
        strokeWidth={1.8}
        dot={false}
        isAnimationActive={false}
        connectNulls={false}
      />
    )),
  ];
}
