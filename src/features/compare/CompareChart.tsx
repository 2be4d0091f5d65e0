import { Area, ComposedChart, Line, ReferenceArea, YAxis } from "recharts";
import { timeGrid } from "../../charts/chartParts";
import type { BandPoint, ChartPoint } from "../../charts/chartTypes";
import { formatMoment, formatTick } from "../../charts/format";
import { useDragZoom } from "../../charts/useDragZoom";
import { useElementWidth } from "../../charts/useElementWidth";
import { valueRange } from "../../charts/yDomain";
import type { AxisSide } from "./axes";
import type { SeriesStyle } from "./seriesStyle";

/** One series as drawn: its name, axis, style, line and (for history) its min-max band. */
export interface CompareLine {
  key: string;
  name: string;
  unit: string;
  axis: AxisSide;
  style: SeriesStyle;
  points: readonly ChartPoint[];
  band?: readonly BandPoint[] | undefined;
}

export interface CompareChartProps {
  lines: readonly CompareLine[];
  /** The chart's units: left axis, then right axis. */
  units: readonly string[];
  from: number;
  to: number;
  height?: number;
  /** Called with a range dragged across the plot. */
  onZoom?: ((from: number, to: number) => void) | undefined;
}

const MARGIN = { top: 8, right: 12, bottom: 4, left: 0 };
const AXIS_WIDTH = 56;

function tickStep(lines: readonly CompareLine[], axis: AxisSide): number {
  const range = valueRange(lines.filter((l) => l.axis === axis).flatMap((l) => l.points));
  return range && range.hi > range.lo ? (range.hi - range.lo) / 4 : 1;
}

/**
 * Several series on one time axis: one Y axis per unit (at most two, left and right), each line
 * in its series' colour and dash pattern, history buckets as a faint min-max band around the
 * average, and drag across the plot to zoom (as the device view's history charts).
 */
export function CompareChart({ lines, units, from, to, height = 300, onZoom }: CompareChartProps) {
  const [box, width] = useElementWidth<HTMLDivElement>();
  const right = units.length > 1;
  const plot = {
    left: MARGIN.left + AXIS_WIDTH,
    width: width - AXIS_WIDTH * (right ? 2 : 1) - MARGIN.left - MARGIN.right,
  };
  const { handlers, selection } = useDragZoom({ ...plot, from, to }, onZoom);
  const axisName = (side: AxisSide) =>
    `${side === "left" ? "Left" : "Right"} axis: ${units[side === "left" ? 0 : 1]}`;
  const summary = `${lines.map((l) => l.name).join(", ")}, from ${formatMoment(from)} to ${formatMoment(to)}. ${axisName("left")}.${right ? ` ${axisName("right")}.` : ""}`;

  return (
    <figure className="live-chart compare-chart" aria-label={`Chart of ${units.join(" and ")}`}>
      <figcaption className="live-chart-caption">
        <span className="live-chart-title">{units.join(" · ")}</span>
        {right && (
          <span className="muted">
            {" "}
            (left axis {units[0]}, right axis {units[1]})
          </span>
        )}
        {onZoom && <span className="live-chart-hold"> · drag across to zoom</span>}
      </figcaption>
      <p className="visually-hidden">{summary}</p>
      <div ref={box} className="live-chart-plot" style={{ height }} {...handlers}>
        <ComposedChart
          width={width}
          height={height}
          margin={MARGIN}
          title={summary}
          accessibilityLayer={false}
        >
          {timeGrid(from, to)}
          {units.slice(0, 2).map((unit, i) => {
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
                width={AXIS_WIDTH}
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
          })}
          {lines.map((line) =>
            line.band ? (
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
              />
            ) : null,
          )}
          {lines.map((line) => (
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
          ))}
          {selection && (
            <ReferenceArea
              yAxisId="left"
              className="zoom-selection"
              x1={selection.from}
              x2={selection.to}
              fill="var(--chart-line)"
              fillOpacity={0.15}
              ifOverflow="hidden"
            />
          )}
        </ComposedChart>
      </div>
    </figure>
  );
}
