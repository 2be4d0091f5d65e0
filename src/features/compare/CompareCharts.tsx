import { useEffect, useState } from "react";
import { PointReader } from "../../charts/readPoints";
import { useElementWidth } from "../../charts/useElementWidth";
import { t } from "../../i18n/i18n";
import { getDashboard } from "../../store/dashboardInstance";
import { navigate, type TimeRange, type TimeWindow, WINDOW_MS } from "../../ui/links";
import { useNow } from "../../ui/useNow";
import { bandPoints, gapThresholdMs } from "../history/buckets";
import { HistoryStatus } from "../history/HistoryStatus";
import { planCharts } from "./axes";
import { CompareChart, type CompareLine } from "./CompareChart";
import { type CompareState, compareHref } from "./compareState";
import { type ResolvedSeries, seriesName } from "./resolveSeries";
import { useCompareHistory } from "./useCompareHistory";

export interface CompareChartsProps {
  state: CompareState;
  /** The series found in the fleet, in the URL's order, with their styles. */
  series: readonly ResolvedSeries[];
  live: boolean;
  /** The server keeps history: a drag across a chart zooms into that range. */
  zoomable: boolean;
}

function keysByDevice(series: readonly ResolvedSeries[]): Map<string, string[]> {
  const keys = new Map<string, string[]>();
  for (const s of series) keys.set(s.ref.device, [...(keys.get(s.ref.device) ?? []), s.ref.metric]);
  return keys;
}

/** The comparison's charts: live from the ring buffers, or history for long windows and ranges. */
export function CompareCharts({ state, series, live, zoomable }: CompareChartsProps) {
  const [box, width] = useElementWidth<HTMLDivElement>(0);
  const windowMs = WINDOW_MS[state.window as TimeWindow];
  const points = width > 0 ? Math.max(50, Math.round((width - 160) / 50) * 50) : 0;
  const history = useCompareHistory({
    keys: keysByDevice(series),
    range: state.range,
    windowMs,
    points,
    enabled: !live,
  });
  const [readers] = useState(() => new Map<string, PointReader>());
  // A live line moves by about a pixel per redraw, at most 4 redraws a second.
  useNow(live ? Math.max(250, windowMs / Math.max(width, 1)) : 3_600_000);
  const ids = [...new Set(series.map((s) => s.ref.device))].join("\n");
  useEffect(() => (ids ? getDashboard().watch("compare", ids.split("\n")) : undefined), [ids]);

  const dashboard = getDashboard();
  const now = dashboard.serverNow();
  const to = state.range?.to ?? now;
  const from = state.range?.from ?? now - windowMs;
  const lineOf = (s: ResolvedSeries, axis: CompareLine["axis"]): CompareLine => {
    const key = `${s.ref.device}:${s.ref.metric}`;
    const base = { key, name: seriesName(s), unit: s.metric?.unit ?? "", axis, style: s.style };
    if (live) {
      const reader = readers.get(key) ?? new PointReader();
      readers.set(key, reader);
      return {
        ...base,
        points: reader.read(dashboard.series.get(s.ref.device), s.ref.metric, from, to, width / 2),
      };
    }
    const model = history.status === "ready" ? history.models.get(s.ref.device) : undefined;
    const buckets = model?.series[s.ref.metric];
    if (!model || !buckets) return { ...base, points: [] };
    const bands = bandPoints(buckets, gapThresholdMs(model.bucketMs, s.info?.rate ?? 1));
    return { ...base, points: bands.map((b) => ({ t: b.t, v: b.avg })), band: bands };
  };
  const plans = planCharts(series.map((s) => s.metric?.unit ?? ""));
  const zoom = (a: number, b: number) =>
    navigate(compareHref({ ...state, range: { from: a, to: b } as TimeRange }));

  return (
    <div ref={box} className="compare-charts" data-history-state={history.status}>
      <HistoryStatus state={history} />
      {(live || history.status === "ready") &&
        plans.map((plan) => (
          <section
            key={plan.units.join("|")}
            className="panel compare-panel"
            aria-label={t("compare.chartOf", { units: plan.units.join(t("compare.and")) })}
          >
            <CompareChart
              lines={plan.series.map(({ index, axis }) => lineOf(series[index] as ResolvedSeries, axis))}
              units={plan.units}
              from={from}
              to={to}
              onZoom={zoomable ? zoom : undefined}
            />
          </section>
        ))}
    </div>
  );
}
