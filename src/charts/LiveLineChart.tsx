import { memo, useEffectEvent, useId, useLayoutEffect, useMemo, useState } from "react";
import { flushSync } from "react-dom";
import { Line, LineChart, Tooltip, YAxis } from "recharts";
import { ActiveDot } from "./ActiveDot";
import { CanvasLine } from "./CanvasLine";
import { spanAreas, thresholdLines, timeGrid } from "./chartParts";
import type { ChartPoint, Thresholds, TimeSpan } from "./chartTypes";
import { formatClock, formatTick, formatValue } from "./format";
import { ThresholdMarks } from "./ThresholdMarks";
import { useElementWidth } from "./useElementWidth";
import { useExtendedThresholds } from "./useExtendedThresholds";
import { useInViewport } from "./useInViewport";
import { coveredRange, type Extended, thresholdSummary, type ValueRange, valueRange } from "./yDomain";
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

/**
 * What recharts gets while nobody hovers the chart: two points holding the window's lowest and
 * highest value, which give the Y axis the same automatic domain as every point does (recharts
 * takes it from all the data, whatever the X domain). The line itself is drawn from all the points
 * on the canvas; handing recharts a window's ~1,000 points at each redraw only fed its per-point
 * work (the hidden line's scaled points, the tooltip's ticks, its data store) that nothing shows
 * until the pointer comes in, when the held frame gives it all. The times are fixed, so the same
 * range is the same data and recharts stores nothing new.
 */
function axisEnvelope(lo: number | undefined, hi: number | undefined): ChartPoint[] {
  return lo === undefined || hi === undefined
    ? []
    : [
        { t: 0, v: lo },
        { t: 1, v: hi },
      ];
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
 * tooltip can be read, and a dot marks the hovered sample on the line. Scrolled out of view, the
 * plot is not redrawn (its text summary still is) until it comes back.
 */
export function LiveLineChart(props: LiveLineChartProps) {
  const { label, unit, thresholds, height = 220 } = props;
  const [boxRef, width] = useElementWidth<HTMLDivElement>();
  const [figureRef, inView] = useInViewport<HTMLElement>();
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
  const lo = range?.lo;
  const hi = range?.hi;
  const envelope = useMemo(() => axisEnvelope(lo, hi), [lo, hi]);
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
    <figure ref={figureRef} className="live-chart" aria-label={t("chart.name", { name })}>
      <figcaption className="live-chart-caption">
        <span className="live-chart-title">{label}</span> <span className="muted">{unit}</span>
        {hovered && <span className="live-chart-hold">{t("chart.heldWhileHover")}</span>}
      </figcaption>
      <p className="visually-hidden">{summary}</p>
      <div
        ref={boxRef}
        className="live-chart-plot"
        style={{ height }}
        data-idle={!inView || undefined}
        // Nothing to read yet (a view opened under the pointer, before its samples): not held.
        // Synchronous, so recharts has every point (not the envelope) before it places the
        // tooltip for this very pointer move; otherwise it picks an envelope index.
        onPointerEnter={() => flushSync(() => setHeld(live.points.length > 0 ? live : null))}
        onPointerLeave={() => setHeld(null)}
      >
        <LivePlot
          idle={!inView && !hovered}
          label={label}
          unit={unit}
          title={`${name}. ${summary}`}
          frame={frame}
          data={hovered ? frame.points : envelope}
          width={width}
          height={height}
          thresholds={thresholds}
          extended={extended}
          tickStep={yTickStep(coveredRange(range, thresholds, extended))}
          latest={last?.v ?? undefined}
          strokeId={strokeId}
        />
      </div>
    </figure>
  );
}

interface LivePlotProps {
  /** Out of view: the plot keeps what it last drew (the comparison below skips the render). */
  idle: boolean;
  label: string;
  unit: string;
  title: string;
  frame: Frame;
  /** What recharts gets: all the points while hovered, the axis envelope otherwise. */
  data: readonly ChartPoint[];
  width: number;
  height: number;
  thresholds: Thresholds | undefined;
  extended: Extended;
  tickStep: number;
  latest: number | undefined;
  strokeId: string;
}

/**
 * The recharts chart with its canvas line: by far the costliest part of a redraw (recharts' axes,
 * selectors and store at each new window), so it is its own component, skipped while idle.
 */
const LivePlot = memo(
  function LivePlot(props: LivePlotProps) {
    const { label, unit, frame, width, height, thresholds, extended, tickStep } = props;
    return (
      <LineChart
        width={width}
        height={height}
        data={props.data as ChartPoint[]}
        margin={MARGIN}
        title={props.title}
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
        <ThresholdMarks thresholds={thresholds} unit={unit} latest={props.latest} strokeId={props.strokeId} />
        <Tooltip
          includeHidden
          isAnimationActive={false}
          labelFormatter={(at) => formatClock(Number(at))}
          formatter={(v) => [formatValue(Number(v), unit), label]}
          contentStyle={TOOLTIP_STYLE}
          // The item takes the line's colour by default, and the line is drawn on a canvas.
          itemStyle={TOOLTIP_ITEM_STYLE}
        />
        {/* Not drawn: it gives the Y axis its domain, and (hovered) the tooltip and ActiveDot their point. */}
        <Line type="linear" dataKey="v" hide isAnimationActive={false} connectNulls={false} />
        <CanvasLine points={frame.points} thresholds={thresholds} />
        <ActiveDot thresholds={thresholds} />
      </LineChart>
    );
  },
  // Idle: nothing to compare, the plot is not redrawn. Otherwise every redraw is a new window.
  (_previous, next) => next.idle,
);

const TOOLTIP_STYLE = {
  background: "var(--surface)",
  border: "1px solid var(--border)",
  color: "var(--text)",
};
const TOOLTIP_ITEM_STYLE = { color: "var(--text)" };
