import type { TimeSpan } from "../../charts/chartTypes";
import { downloadBlob } from "../../charts/exportPng";
import { useElementWidth } from "../../charts/useElementWidth";
import type { DeviceInfo } from "../../protocol/messages";
import { getDashboard } from "../../store/dashboardInstance";
import { useDashboard } from "../../store/useDashboard";
import { deviceHref, navigate, type TimeRange, type TimeWindow, WINDOW_MS } from "../../ui/links";
import { useNow } from "../../ui/useNow";
import { exportFileName } from "../device/csv";
import { gapThresholdMs } from "./buckets";
import { HistoryMetricChart } from "./HistoryMetricChart";
import { HistoryStatus } from "./HistoryStatus";
import { buildHistoryCsv } from "./historyCsv";
import type { HistoryModel } from "./historyModel";
import { useHistory } from "./useHistory";
import "./history.css";
import { t } from "../../i18n/i18n";

export interface HistoryChartsProps {
  info: DeviceInfo;
  window: TimeWindow;
  range?: TimeRange | undefined;
  online: boolean;
}

/** Panel padding and Y axis: the plot is this much narrower than the charts' column. */
const PLOT_INSET_PX = 100;

/** "24 h in 2 min buckets from the per-minute rollups", in words. */
function describe(model: HistoryModel): string {
  if (model.raw) return t("history.rawSamples", { count: model.answer.t.length });
  const minutes = model.bucketMs / 60_000;
  const width =
    minutes >= 1
      ? t("history.bucketMin", { n: Math.round(minutes * 10) / 10 })
      : t("history.bucketS", { n: model.bucketMs / 1000 });
  const tier = t(
    ({ raw: "history.tierRaw", "1m": "history.tier1m", "1h": "history.tier1h" } as const)[model.answer.tier],
  );
  return t("history.buckets", { width, tier });
}

/** A long window or a range of one device: the history band charts, their status and CSV export. */
export function HistoryCharts({ info, window, range, online }: HistoryChartsProps) {
  const [box, width] = useElementWidth<HTMLDivElement>(0);
  const points = width > 0 ? Math.max(50, Math.round((width - PLOT_INSET_PX) / 50) * 50) : 0;
  const windowMs = WINDOW_MS[window];
  const state = useHistory({
    deviceId: info.id,
    keys: info.metrics.map((m) => m.key),
    range,
    windowMs,
    points,
  });
  const connected = useDashboard((s) => s.connection.status === "live");
  // A range ending now slides even when no sample arrives (an offline device).
  useNow(range ? 3_600_000 : 5000);
  const dashboard = getDashboard();
  const now = dashboard.serverNow();
  const to = range?.to ?? now;
  const from = range?.from ?? now - windowMs;
  const tail: TimeSpan["kind"] = range ? "gap" : !connected ? "serverDown" : !online ? "offline" : "gap";
  const buffer = range ? undefined : dashboard.series.get(info.id);
  const model = state.status === "ready" ? state.model : undefined;

  const exportCsv = () => {
    if (!model) return;
    const csv = buildHistoryCsv(model.series, info.metrics, from, to);
    downloadBlob(new Blob([csv], { type: "text/csv;charset=utf-8" }), exportFileName(info.id, to, "csv"));
  };

  return (
    <div
      ref={box}
      className="history-charts"
      data-history-state={state.status}
      data-tier={model?.answer.tier}
    >
      <div className="history-head">
        <HistoryStatus
          state={state}
          readyText={model && t("history.ready", { description: describe(model) })}
        />
        <button type="button" className="btn" onClick={exportCsv} disabled={!model}>
          {t("history.exportCsv")}
        </button>
      </div>
      {model &&
        info.metrics.map((metric) => (
          <HistoryMetricChart
            key={metric.key}
            deviceId={info.id}
            deviceName={info.name}
            metric={metric}
            series={model.series[metric.key]}
            from={from}
            to={to}
            gapMs={gapThresholdMs(model.bucketMs, info.rate)}
            tail={tail}
            latest={buffer?.latest(metric.key)}
            onZoom={(a, b) => navigate(deviceHref(info.id, window, { from: a, to: b }))}
          />
        ))}
    </div>
  );
}
