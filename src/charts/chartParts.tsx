/**
 * Pieces the live line chart and the history band chart draw alike: the shaded spans without data
 * (with their reason on hover) and the alert threshold lines. Plain functions returning recharts
 * elements, so they sit directly among a chart's children.
 */
import type { ReactElement } from "react";
import { CartesianGrid, ReferenceArea, ReferenceLine, XAxis } from "recharts";
import { type MessageId, t } from "../i18n/i18n";
import type { Thresholds, TimeSpan } from "./chartTypes";
import { formatLimit, formatMoment, formatStepTick } from "./format";
import { MIN_TICK_SPACING_PX, timeTicks } from "./timeTicks";
import type { Extended } from "./yDomain";

/** What a span is called on the chart, and the sentence shown on hover. */
const SPAN_WORDS: Record<TimeSpan["kind"], { label: MessageId; why: MessageId }> = {
  offline: { label: "chart.spanOffline", why: "chart.spanOfflineWhy" },
  gap: { label: "chart.spanGap", why: "chart.spanGapWhy" },
  serverDown: { label: "chart.spanServerDown", why: "chart.spanServerDownWhy" },
};

/** The hover text of a span, e.g. "No data recorded from 2026-11-29 10:02 to 2026-11-29 10:14". */
export function spanReason(span: TimeSpan): string {
  return t("chart.spanReason", {
    why: t(SPAN_WORDS[span.kind].why),
    from: formatMoment(span.from),
    to: formatMoment(span.to),
  });
}

/** The span's word, or nothing when the band is too narrow for it (it stays shaded). */
function spanLabel(span: TimeSpan, from: number, to: number, width: number): string {
  const visible = Math.min(span.to, to) - Math.max(span.from, from);
  if ((visible / (to - from)) * width < 56) return "";
  return t(SPAN_WORDS[span.kind].label);
}

interface AreaShape {
  x?: number;
  y?: number;
  width?: number;
  height?: number;
}

/** Shaded spans with no data in [from, to]; each carries its reason as an SVG title (hover). */
export function spanAreas(spans: readonly TimeSpan[] | undefined, from: number, to: number, width: number) {
  return spans
    ?.filter((span) => span.to > from && span.from < to)
    .map((span) => (
      <ReferenceArea
        key={`${span.kind}-${span.from}`}
        x1={Math.max(span.from, from)}
        x2={Math.min(span.to, to)}
        ifOverflow="hidden"
        shape={(props: AreaShape) => (
          <rect
            className={`chart-span chart-span-${span.kind}`}
            data-span-kind={span.kind}
            x={props.x}
            y={props.y}
            width={props.width}
            height={props.height}
            fill="var(--chart-offline)"
          >
            <title>{spanReason(span)}</title>
          </rect>
        )}
        label={{ value: spanLabel(span, from, to, width), fill: "var(--text-muted)", fontSize: 11 }}
      />
    ));
}

/** Threshold lines: which side, and where its label sits. */
const THRESHOLD_SIDES = [
  { side: "high", position: "insideTopRight" },
  { side: "low", position: "insideBottomRight" },
] as const;

/** The dashed alert threshold lines; one not in `extended` is drawn only if the axis reaches it. */
export function thresholdLines(thresholds: Thresholds | undefined, extended: Extended) {
  return THRESHOLD_SIDES.map(({ side, position }) => {
    const y = thresholds?.[side];
    return y === undefined ? null : (
      <ReferenceLine
        key={side}
        className={`threshold-line threshold-line-${side}`}
        y={y}
        // One not worth stretching the axis for is drawn only if recharts' rounded axis reaches
        // it anyway; otherwise ThresholdMarks marks it at the plot's edge.
        ifOverflow={extended[side] ? "extendDomain" : "discard"}
        stroke="var(--chart-threshold)"
        strokeDasharray="6 4"
        label={{
          value: `${t(side === "high" ? "threshold.sideHigh" : "threshold.sideLow")} ${formatLimit(y)}`,
          fill: "var(--chart-threshold)",
          fontSize: 11,
          position,
          // A halo keeps the label readable where the line runs through it.
          stroke: "var(--surface)",
          strokeWidth: 3,
          paintOrder: "stroke",
        }}
      />
    );
  });
}

/** Pixels between ticks whose labels carry the date (`11-29 14:03`, ~75 px at 12 px). */
const DATED_TICK_SPACING_PX = 128;

/** A tick closer than this to the plot's right edge is left out: its label would be cut off. */
const RIGHT_EDGE_PX = 24;

/**
 * A time axis' ticks over [from, to] on a plot `plotWidth` px wide: round local times spaced for
 * their labels (timeTicks), all shown (`interval` 0: recharts measures no label), labelled to the
 * step (seconds only under a minute, the date past a day).
 */
function timeAxisTicks(from: number, to: number, plotWidth: number) {
  const span = to - from;
  const spacing = span > 86_400_000 ? DATED_TICK_SPACING_PX : MIN_TICK_SPACING_PX;
  const { ticks, stepMs } = timeTicks(from, to, plotWidth, spacing);
  const last = to - (RIGHT_EDGE_PX * span) / Math.max(plotWidth, 1);
  return {
    ticks: ticks.filter((at) => at <= last),
    interval: 0,
    tickFormatter: (at: number) => formatStepTick(at, stepMs, span),
  } as const;
}

/** The grid and the time axis over [from, to] of the live, history and compare charts (plot `plotWidth` px wide). */
export function timeGrid(from: number, to: number, plotWidth: number): ReactElement[] {
  return [
    <CartesianGrid key="grid" stroke="var(--chart-grid)" strokeDasharray="3 3" />,
    <XAxis
      key="time"
      dataKey="t"
      type="number"
      scale="time"
      domain={[from, to]}
      allowDataOverflow
      {...timeAxisTicks(from, to, plotWidth)}
      stroke="var(--text-muted)"
      fontSize={12}
    />,
  ];
}
