import { BandChart } from "../../charts/BandChart";
import type { TimeSpan } from "../../charts/chartTypes";
import { formatMoment } from "../../charts/format";
import { metricLabel } from "../../i18n/deviceText";
import { t } from "../../i18n/i18n";
import type { MetricInfo } from "../../protocol/messages";
import { useDashboard } from "../../store/useDashboard";
import { useRuleThresholds } from "../alerts/useRuleThresholds";
import { StatTiles } from "../device/StatTiles";
import { useChartPng } from "../device/useChartPng";
import { type BucketSeries, bandPoints, bucketStats, gapSpans } from "./buckets";

export interface HistoryMetricChartProps {
  deviceId: string;
  deviceName: string;
  metric: MetricInfo;
  series: BucketSeries | undefined;
  from: number;
  to: number;
  /** Distance between buckets that is a gap (see gapThresholdMs). */
  gapMs: number;
  /** Why the end of a range that ends now is empty: device offline, server down, or no data. */
  tail: TimeSpan["kind"];
  /** The newest live value, when the range ends now. */
  latest?: number | undefined;
  onZoom(from: number, to: number): void;
}

const EMPTY: BucketSeries = { bucketMs: 1, t: [], min: [], max: [], sum: [], count: [] };

/** One metric of a long window or a range: the band chart, stat tiles and PNG export. */
export function HistoryMetricChart(props: HistoryMetricChartProps) {
  const { deviceId, metric, from, to, gapMs } = props;
  const series = props.series ?? EMPTY;
  const kind = useDashboard((s) => s.devices[deviceId]?.info.kind);
  const thresholds = useRuleThresholds(kind && { id: deviceId, kind }, metric);
  const png = useChartPng();
  const points = bandPoints(series, gapMs);
  const spans = gapSpans(series, from, to, gapMs, props.tail);
  const stats = bucketStats(series, from, to);
  const buckets = series.t.length;
  const exportPng = () =>
    png.exportPng({
      deviceId,
      metricKey: metric.key,
      title: `${props.deviceName} · ${metricLabel(metric)} (${metric.unit}) · ${formatMoment(from)}–${formatMoment(to)}`,
      at: to,
    });

  return (
    <section
      className="panel metric-panel"
      aria-label={`${metricLabel(metric)} (${metric.unit})`}
      data-history-metric={metric.key}
      data-buckets={buckets}
      data-gaps={spans.filter((s) => s.kind === "gap").length}
    >
      <div ref={png.box}>
        <BandChart
          label={metricLabel(metric)}
          unit={metric.unit}
          points={points}
          from={from}
          to={to}
          thresholds={thresholds}
          spans={spans}
          latest={props.latest}
          onZoom={props.onZoom}
        />
      </div>
      <div className="metric-footer">
        <StatTiles
          stats={{ ...stats, current: props.latest }}
          unit={metric.unit}
          label={metricLabel(metric)}
        />
        <span className="muted sample-count">
          {t("history.samplesInBuckets", { count: stats.count, buckets })}
        </span>
        <button type="button" className="btn" onClick={exportPng}>
          {t("chart.exportPng", { metric: metricLabel(metric) })}
        </button>
      </div>
      {png.error && <p className="error-text">{png.error}</p>}
    </section>
  );
}
