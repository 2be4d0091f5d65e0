import { type PointerEvent, useState } from "react";
import { ComposedChart, ReferenceArea, ReferenceLine } from "recharts";
import { timeGrid } from "../../charts/chartParts";
import type { BandPoint, ChartPoint } from "../../charts/chartTypes";
import { formatMoment } from "../../charts/format";
import { timeAtPixel, useDragZoom } from "../../charts/useDragZoom";
import { useElementWidth } from "../../charts/useElementWidth";
import { t } from "../../i18n/i18n";
import type { AxisSide } from "./axes";
import { seriesShapes, valueAxes } from "./compareParts";
import { HoverReadout } from "./HoverReadout";
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
  const [hover, setHover] = useState<number>();
  const point = (event: PointerEvent<HTMLElement>) => {
    handlers.onPointerMove?.(event);
    setHover(
      timeAtPixel(event.clientX - event.currentTarget.getBoundingClientRect().left, { ...plot, from, to }),
    );
  };
  const axisName = (side: AxisSide) =>
    `${t("compare.axis", { side, unit: units[side === "left" ? 0 : 1] ?? "" })}.`;
  const names = lines.map((l) => l.name).join(", ");
  const summary = [
    t("compare.summary", { names, from: formatMoment(from), to: formatMoment(to) }),
    axisName("left"),
    ...(right ? [axisName("right")] : []),
  ].join(" ");

  return (
    <figure
      className="live-chart compare-chart"
      aria-label={t("compare.chartLabel", { units: units.join(t("compare.and")) })}
    >
      <figcaption className="live-chart-caption">
        <span className="live-chart-title">{units.join(" · ")}</span>
        {right && (
          <span className="muted">
            {" "}
            (left axis {units[0]}, right axis {units[1]})
          </span>
        )}
        {onZoom && <span className="live-chart-hold">{t("compare.dragZoom")}</span>}
      </figcaption>
      <p className="visually-hidden">{summary}</p>
      <div
        ref={box}
        className="live-chart-plot"
        style={{ height }}
        {...handlers}
        onPointerMove={point}
        onPointerLeave={() => setHover(undefined)}
      >
        <ComposedChart
          width={width}
          height={height}
          margin={MARGIN}
          title={summary}
          accessibilityLayer={false}
        >
          {timeGrid(from, to, plot.width)}
          {valueAxes(units, lines, AXIS_WIDTH)}
          {seriesShapes(lines)}
          {hover !== undefined && (
            <ReferenceLine
              yAxisId="left"
              x={hover}
              stroke="var(--text-muted)"
              strokeWidth={1}
              ifOverflow="hidden"
            />
          )}
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
      <HoverReadout
        at={hover}
        lines={lines}
        maxMs={((to - from) / Math.max(plot.width, 1)) * 12}
        spanMs={to - from}
      />
    </figure>
  );
}
