import { memo, useRef, useState } from "react";
import { formatClock } from "../../charts/format";
import { LiveLineChart } from "../../charts/LiveLineChart";
import { findSpans, PointReader } from "../../charts/readPoints";
import { metricLabel } from "../../i18n/deviceText";
import { t } from "../../i18n/i18n";
import type { MetricInfo } from "../../protocol/messages";
import { getDashboard } from "../../store/dashboardInstance";
import { useDashboard } from "../../store/useDashboard";
import { useRuleThresholds } from "../alerts/useRuleThresholds";
import { StatTiles } from "./StatTiles";
import { useChartPng } from "./useChartPng";
import { useChartTick } from "./useChartTick";
import { windowStats } from "./windowStats";

export interface MetricChartProps {
  deviceId: string;
  /** Shown in the exported image's title. */
  deviceName: string;
  metric: MetricInfo;
  windowMs: number;
  /** Server time the view was paused at; while set, the chart does not move. */
  pausedAt?: number;
  /** Device sample rate (per s), to tell an offline stretch from ordinary jitter. */
  rate: number;
  online: boolean;
}

/** One metric of the device view: live chart, stat tiles and PNG export. */
export const MetricChart = memo(function MetricChart({
  deviceId,
  deviceName,
  metric,
  windowMs,
  pausedAt,
  rate,
  online,
}: MetricChartProps) {
  const paused = pausedAt !== undefined;
  const [width, setWidth] = useState(600);
  // Redraw when the time axis has moved by about one pixel (a 15 min window on 1,000 px moves a
  // pixel every 0.9 s), but at most 5 times a second: an SVG chart of a thousand points costs
  // tens of milliseconds on a slow machine, and the rest of the page must stay responsive.
  // Without new samples the axis still moves once a second. Paused charts do not redraw at all.
  useChartTick(getDashboard().store, deviceId, Math.max(200, windowMs / Math.max(width, 1)), !paused);
  const kind = useDashboard((s) => s.devices[deviceId]?.info.kind);
  const thresholds = useRuleThresholds(kind && { id: deviceId, kind }, metric);
  const [reader] = useState(() => new PointReader());
  const png = useChartPng();
  const frozen = useRef<{ at: number; points: ReturnType<PointReader["read"]> } | null>(null);

  const dashboard = getDashboard();
  const buffer = dashboard.series.get(deviceId);
  const to = pausedAt ?? dashboard.serverNow();
  const from = to - windowMs;
  let points: ReturnType<PointReader["read"]>;
  if (paused && frozen.current?.at === pausedAt) points = frozen.current.points;
  else {
    // Min-max keeps two points per bucket: half as many buckets as pixels is one point per pixel.
    points = reader.read(buffer, metric.key, from, to, width / 2);
    frozen.current = paused ? { at: pausedAt, points } : null;
  }
  const gapMs = Math.max(2000, (3 * 1000) / Math.max(rate, 0.1));
  const spans = findSpans(buffer, from, to, gapMs);
  const lastTime = buffer?.lastTime;
  if (!online && lastTime !== undefined && lastTime < to) spans.push({ from: lastTime, to, kind: "offline" });
  const stats = windowStats(buffer, metric.key, from, to);

  const exportPng = () =>
    png.exportPng({
      deviceId,
      metricKey: metric.key,
      title: `${deviceName} · ${metricLabel(metric)} (${metric.unit}) · ${formatClock(from)}–${formatClock(to)}`,
      at: to,
    });

  return (
    <section className="panel metric-panel" aria-label={`${metricLabel(metric)} (${metric.unit})`}>
      <div ref={png.box}>
        <LiveLineChart
          label={metricLabel(metric)}
          unit={metric.unit}
          points={points}
          from={from}
          to={to}
          thresholds={thresholds}
          spans={spans}
          onWidth={setWidth}
        />
      </div>
      <div className="metric-footer">
        <StatTiles stats={stats} unit={metric.unit} label={metricLabel(metric)} />
        <span className="muted sample-count">{t("chart.samplesInWindow", { count: stats.count })}</span>
        <button type="button" className="btn" onClick={exportPng}>
          {t("chart.exportPng", { metric: metricLabel(metric) })}
        </button>
      </div>
      {png.error && <p className="error-text">{png.error}</p>}
    </section>
  );
});
