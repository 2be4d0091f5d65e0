import { useEffectEvent, useId, useLayoutEffect, useState } from "react";
import { Line, LineChart, Tooltip, YAxis } from "recharts";
import { ActiveDot } from "./ActiveDot";
import { CanvasLine } from "./CanvasLine";
import { spanAreas, thresholdLines, timeGrid } from "./chartParts";
import type { ChartPoint, Thresholds, TimeSpan } from "./chartTypes";
import { formatClock, formatTick, formatValue } from "./format";
import { ThresholdMarks } from "./ThresholdMarks";
import { useElementWidth } from "./useElementWidth";
import { useExtendedThresholds } from "./useExtendedThresholds";
import { coveredRange, thresholdSummary, type ValueRange, valueRange } from "./yDomain";
import "./charts.css";
import { t } from "../i18n/i18n";

export interface LiveLineChartProps {
  /** Metric label, e.g. "Temperature"; with the unit it names the chart for assistive tech. */
  label: string;
  unit: string;
  points: readonly ChartPoint[];
  from: number;
  to: number;
  thresholds?: Thresholds;
  spans?: readonly TimeSpan[];
  height?: number;
  /** Called with the measured plot width so the caller can downsample to about 1 point per pixel. */
  onWidth?: (width: number) => void;
}

const MARGIN = { top: 8, right: 12, bottom: 4, left: 0 };
const Y_AXIS_WIDTH = 56;

interface Frame {
  points: readonly ChartPoint[];
  from: number;
  to: number;
  spans: readonly TimeSpan[] | undefined;
}

/** Rough distance between Y ticks (recharts makes about five), for the tick precision. */
function yTickStep(range: ValueRange | undefined): number {
  return range && range.hi > range.lo ? (range.hi - range.lo) / 4 : 1;
}

function latest(points: readonly ChartPoint[]): ChartPoint | undefined {
  for (let i = points.length - 1; i >= 0; i--) {
    const point = points[i];
    if (point && point.v !== null && Number.isFinite(point.v)) return point;
  }
  return undefined;
}

/**
 * A live time-series chart: no animation, no dots, breaks at missing data, shaded offline/gap
 * spans and alert thresholds. A threshold near the data stretches the Y axis to show its line and
 * the line turns to the alert colour beyond it; a far one keeps the data's resolution and is
 * marked at the plot's edge instead. While the pointer is over the chart, it holds still so the
 * tooltip can be read, and a dot marks the hovered sample on the line.
 */
export function LiveLineChart(props: LiveLineChartProps) {
  const { label, unit, thresholds, height = 220 } = props;
  const [boxRef, width] = useElementWidth<HTMLDivElement>();
  const live: Frame = { points: props.points, from: props.from, to: props.to, spans: props.spans };
  // The frame on screen when the pointer came in, drawn until it leaves.
  const [held, setHeld] = useState<Frame | null>(null);
  const hovered = held !== null;
  const frame = held ?? live;

  // Reported before paint, so the caller's next read is downsampled for the new width.
  const reportWidth = useEffectEvent((measured: number) => props.onWidth?.(measured));
  useLayoutEffect(() => reportWidth(width), [width]);

  const range = valueRange(frame.points);
  const extended = useExtendedThresholds(range, thresholds);
  const tickStep = yTickStep(coveredRange(range, thresholds, extended));
  // useId's characters are not all valid in an SVG url(#…) reference.
  const strokeId = `stroke-${useId().replace(/[^\w-]/g, "")}`;
  const last = latest(props.points);
  const name = `${label} (${unit})`;
  const summary = [
    last
      ? t("chart.latest", {
          metric: label.toLowerCase(),
          value: formatValue(last.v, unit),
          time: formatClock(last.t),
        })
      : t("chart.noDataWindow", { metric: label.toLowerCase() }),
    thresholdSummary(thresholds, unit, last?.v ?? undefined),
  ].join(" ");

  return (
    <figure className="live-chart" aria-label={t("chart.name", { name })}>
      <figcaption className="live-chart-caption">
        <span className="live-chart-title">{label}</span> <span className="muted">{unit}</span>
        {hovered && <span className="live-chart-hold">{t("chart.heldWhileHover")}</span>}
      </figcaption>
      <p className="visually-hidden">{summary}</p>
      <div
        ref={boxRef}
        className="live-chart-plot"
        style={{ height }}
        // Nothing to read yet (a view opened under the pointer, before its samples): not held.
        onPointerEnter={() => setHeld(live.points.length > 0 ? live : null)}
        onPointerLeave={() => setHeld(null)}
      >
        <LineChart
          width={width}
          height={height}
          data={frame.points as ChartPoint[]}
          margin={MARGIN}
          title={`${name}. ${summary}`}
          accessibilityLayer={false}
        >
          {timeGrid(frame.from, frame.to, width - MARGIN.left - MARGIN.right - Y_AXIS_WIDTH)}
          <YAxis
            // The line is a hidden recharts Line (drawn by CanvasLine): its data still sets the axis.
            includeHidden
            domain={["auto", "auto"]}
            stroke="var(--text-muted)"
            fontSize={12}
            width={Y_AXIS_WIDTH}
            // recharts' five ticks are 40+ px apart on this chart: all shown, none measured
            // (the default measured every label through the DOM at each redraw).
            interval={0}
            tickFormatter={(v: number) => formatTick(v, tickStep)}
          />
          {spanAreas(frame.spans, frame.from, frame.to, width)}
          {thresholdLines(thresholds, extended)}
          <ThresholdMarks
            thresholds={thresholds}
            unit={unit}
            latest={last?.v ?? undefined}
            strokeId={strokeId}
          />
          <Tooltip
            includeHidden
            isAnimationActive={false}
            labelFormatter={(at) => formatClock(Number(at))}
            formatter={(v) => [formatValue(Number(v), unit), label]}
            contentStyle={{
              background: "var(--surface)",
              border: "1px solid var(--border)",
              color: "var(--text)",
            }}
            // The item takes the line's colour by default, and the line is drawn on a canvas.
            itemStyle={{ color: "var(--text)" }}
          />
          {/* Not drawn: it gives the Y axis its domain, and the tooltip and ActiveDot their point. */}
          <Line type="linear" dataKey="v" hide isAnimationActive={false} connectNulls={false} />
          <CanvasLine points={frame.points} thresholds={thresholds} />
          <ActiveDot thresholds={thresholds} />
        </LineChart>
      </div>
    </figure>
  );
}
