import { useEffect, useId, useRef } from "react";
import { Area, ComposedChart, Line, ReferenceArea, Tooltip, YAxis } from "recharts";
import { spanAreas, thresholdLines, timeGrid } from "./chartParts";
import type { BandPoint, ChartPoint, Thresholds, TimeSpan } from "./chartTypes";
import { formatMoment, formatTick, formatValue } from "./format";
import { ThresholdMarks } from "./ThresholdMarks";
import { useDragZoom } from "./useDragZoom";
import { useElementWidth } from "./useElementWidth";
import { useExtendedThresholds } from "./useExtendedThresholds";
import { coveredRange, thresholdSummary, valueRange } from "./yDomain";
import "./charts.css";
import { t } from "../i18n/i18n";

export interface BandChartProps {
  label: string;
  unit: string;
  points: readonly BandPoint[];
  from: number;
  to: number;
  thresholds?: Thresholds;
  spans?: readonly TimeSpan[];
  /** The newest value (live), for the summary and the off-chart threshold distance. */
  latest?: number;
  height?: number;
  /** Called with a range dragged across the plot. */
  onZoom?: (from: number, to: number) => void;
}

const MARGIN = { top: 8, right: 12, bottom: 4, left: 0 };
const Y_AXIS_WIDTH = 56;

/** Both ends of every band, so the Y axis and the thresholds cover the spikes. */
function bandExtremes(points: readonly BandPoint[]): ChartPoint[] {
  return points.flatMap((p) =>
    p.band
      ? [
          { t: p.t, v: p.band[0] },
          { t: p.t, v: p.band[1] },
        ]
      : [],
  );
}

/**
 * A history chart: per bucket the min-max band with the average line inside it, so a one-second
 * spike in a day still shows; breaks (never interpolated) where buckets are missing, shaded spans
 * with their reason on hover, the alert thresholds as on the live chart, and drag to zoom.
 */
export function BandChart(props: BandChartProps) {
  const { label, unit, points, from, to, thresholds, height = 220 } = props;
  const [boxRef, width] = useElementWidth<HTMLDivElement>();
  const range = valueRange(bandExtremes(points));
  const extended = useExtendedThresholds(range, thresholds);
  const tickStep = (() => {
    const r = coveredRange(range, thresholds, extended);
    return r && r.hi > r.lo ? (r.hi - r.lo) / 4 : 1;
  })();
  const strokeId = `band-${useId().replace(/[^\w-]/g, "")}`;
  const plot = { left: MARGIN.left + Y_AXIS_WIDTH, width: width - MARGIN.left - Y_AXIS_WIDTH - MARGIN.right };
  const { handlers, selection } = useDragZoom({ ...plot, from, to }, props.onZoom);
  const buckets = points.filter((p) => p.band).length;
  const drawn = useRef(false);
  useEffect(() => {
    // Read by the end-to-end test that measures how soon a long window is drawn.
    if (buckets > 0 && !drawn.current) {
      drawn.current = true;
      performance.mark("history-band-drawn");
    }
  }, [buckets]);
  const name = `${label} (${unit})`;
  const summary = [
    range
      ? t("band.summary", {
          from: formatMoment(from),
          to: formatMoment(to),
          metric: label.toLowerCase(),
          lo: formatValue(range.lo, unit),
          hi: formatValue(range.hi, unit),
        })
      : t("band.noData", { metric: label.toLowerCase() }),
    thresholdSummary(thresholds, unit, props.latest),
  ].join(" ");

  return (
    <figure className="live-chart band-chart" aria-label={t("chart.name", { name })} data-buckets={buckets}>
      <figcaption className="live-chart-caption">
        <span className="live-chart-title">{label}</span> <span className="muted">{unit}</span>
        <span className="live-chart-hold">{t("band.caption")}</span>
      </figcaption>
      <p className="visually-hidden">{summary}</p>
      <div ref={boxRef} className="live-chart-plot band-chart-plot" style={{ height }} {...handlers}>
        <ComposedChart
          width={width}
          height={height}
          data={points as BandPoint[]}
          margin={MARGIN}
          title={`${name}. ${summary}`}
          accessibilityLayer={false}
        >
          {timeGrid(from, to, plot.width)}
          <YAxis
            domain={["auto", "auto"]}
            stroke="var(--text-muted)"
            fontSize={12}
            width={Y_AXIS_WIDTH}
            tickFormatter={(v: number) => formatTick(v, tickStep)}
          />
          {spanAreas(props.spans, from, to, width)}
          {thresholdLines(thresholds, extended)}
          <ThresholdMarks thresholds={thresholds} unit={unit} latest={props.latest} strokeId={strokeId} />
          <Tooltip
            isAnimationActive={false}
            labelFormatter={(at) => formatMoment(Number(at))}
            formatter={(v, key) =>
              Array.isArray(v)
                ? [
                    t("band.range", {
                      lo: formatValue(Number(v[0]), unit),
                      hi: formatValue(Number(v[1]), unit),
                    }),
                    t("band.minToMax"),
                  ]
                : [formatValue(Number(v), unit), key === "avg" ? t("band.average") : String(key)]
            }
            contentStyle={{
              background: "var(--surface)",
              border: "1px solid var(--border)",
              color: "var(--text)",
            }}
            itemStyle={{ color: "var(--text)" }}
          />
          <Area
            className="history-band"
            type="linear"
            dataKey="band"
            stroke="none"
            fill={`url(#${strokeId}) var(--chart-line)`}
            fillOpacity={0.28}
            isAnimationActive={false}
            connectNulls={false}
            activeDot={false}
          />
          <Line
            className="history-avg"
            type="linear"
            dataKey="avg"
            stroke={`url(#${strokeId}) var(--chart-line)`}
            strokeWidth={1.4}
            dot={false}
            activeDot={{ r: 3 }}
            isAnimationActive={false}
            connectNulls={false}
          />
          {selection && (
            <ReferenceArea
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
