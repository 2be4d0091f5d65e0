import { memo, useEffect, useState } from "react";
import { downloadBlob } from "../../charts/exportPng";
import { formatAgo } from "../../charts/format";
import type { DeviceInfo } from "../../protocol/messages";
import { isFiring } from "../../store/alertIndex";
import { getDashboard } from "../../store/dashboardInstance";
import { useDashboard } from "../../store/useDashboard";
import { AlertBadge } from "../../ui/AlertBadge";
import { KindLabel } from "../../ui/KindIcon";
import { isLiveWindow, type TimeRange, type TimeWindow, WINDOW_MS } from "../../ui/links";
import { StatusBadge } from "../../ui/StatusBadge";
import { useNow } from "../../ui/useNow";
import { RuleEditor } from "../alerts/RuleEditor";
import { CommandPanel } from "../commands/CommandPanel";
import { compareHref } from "../compare/compareState";
import { DeviceEvents } from "../events/DeviceEvents";
import { HistoryCharts } from "../history/HistoryCharts";
import { SaveViewButton } from "../views/SaveViewButton";
import { AlertList } from "./AlertList";
import { buildCsv, exportFileName } from "./csv";
import { MetricChart } from "./MetricChart";
import { PauseControl } from "./PauseControl";
import { RangeControls } from "./RangeControls";
import { WindowPicker } from "./WindowPicker";
import "./device.css";
import { t } from "../../i18n/i18n";

export interface DeviceViewProps {
  id: string;
  window: TimeWindow;
  /** A fixed range (zoom or custom from/to) instead of the window ending now. */
  range?: TimeRange | undefined;
}

/**
 * The side column: commands, alert rules and events. It does not re-render with the view's
 * one-second clock, availability or alert changes (under a firehose the rule editor's and the
 * command forms' inputs were re-rendered with every one of them); each panel follows what it
 * needs itself.
 */
const DeviceSide = memo(function DeviceSide({ info }: { info: DeviceInfo }) {
  return (
    <div className="device-side">
      <CommandPanel deviceId={info.id} />
      <RuleEditor device={info} metrics={info.metrics} />
      <DeviceEvents device={info.id} />
    </div>
  );
});

/**
 * One device: a chart per metric (live from the ring buffers for short windows, from the history
 * API for long windows and ranges), controls, its alerts and alert rules, and its events.
 */
export function DeviceView({ id, window, range }: DeviceViewProps) {
  const info = useDashboard((s) => s.devices[id]?.info);
  const online = useDashboard((s) => s.devices[id]?.online ?? false);
  const stale = useDashboard((s) => s.devices[id]?.stale ?? false);
  const known = useDashboard((s) => s.deviceIds.length > 0);
  const history = useDashboard((s) => s.history !== undefined);
  const alerts = useDashboard((s) => s.alerts?.byDevice[id]);
  const [pausedAt, setPausedAt] = useState<number>();
  // Ticks every second so "last seen" counts up while the device is quiet.
  useNow(1000);

  useEffect(() => getDashboard().watch("device-view", [id]), [id]);
  useEffect(() => {
    if (info) document.title = `${info.name} · ${t("app.title")}`;
    return () => {
      document.title = t("app.title");
    };
  }, [info]);

  if (!info) {
    return (
      <section className="empty-state">
        <h1 className="page-title">{known ? t("device.notFound") : t("device.loading")}</h1>
        {known && <p>{t("device.noSuchId", { id })}</p>}
        <a href="#/">{t("device.backToFleet")}</a>
      </section>
    );
  }

  const dashboard = getDashboard();
  const windowMs = WINDOW_MS[window];
  const live = !range && isLiveWindow(window);
  const now = dashboard.serverNow();
  const availability = !online ? "offline" : stale ? "stale" : "online";
  const lastSeen = dashboard.store.getState().devices[id]?.lastSeen;
  const seen =
    availability !== "online" && lastSeen !== undefined
      ? t("status.lastSeen", { ago: formatAgo(lastSeen, now) })
      : undefined;

  const exportCsv = () => {
    const to = pausedAt ?? dashboard.serverNow();
    const csv = buildCsv(dashboard.series.get(id), info.metrics, to - windowMs, to);
    downloadBlob(new Blob([csv], { type: "text/csv;charset=utf-8" }), exportFileName(id, to, "csv"));
  };

  return (
    <article className="device-view" aria-labelledby="device-title">
      <a href="#/" className="back-link">
        {t("device.backToOverview")}
      </a>
      <header className="device-head">
        <h1 id="device-title" className="page-title">
          {info.name}
        </h1>
        <KindLabel kind={info.kind} />
        <StatusBadge availability={availability} detail={seen} />
        <AlertBadge count={alerts?.filter(isFiring).length ?? 0} />
        <span className="muted device-id">{id}</span>
      </header>
      <div className="device-toolbar">
        <WindowPicker deviceId={id} current={window} history={history} ranged={range !== undefined} />
        {live && (
          <>
            <PauseControl
              deviceId={id}
              pausedAt={pausedAt}
              onPause={() => setPausedAt(dashboard.serverNow())}
              onResume={() => setPausedAt(undefined)}
            />
            <button type="button" className="btn" onClick={exportCsv}>
              {t("device.exportCsv")}
            </button>
          </>
        )}
        <a
          className="btn"
          href={compareHref({
            series: info.metrics.slice(0, 1).map((m) => ({ device: id, metric: m.key })),
            window,
            range,
          })}
        >
          {t("device.compareWith")}
        </a>
        <SaveViewButton suggestedName={info.name} />
        <RangeControls
          deviceId={id}
          window={window}
          range={range}
          from={range?.from ?? now - windowMs}
          to={range?.to ?? now}
          now={now}
          history={history}
        />
      </div>
      {alerts && alerts.length > 0 && <AlertList alerts={alerts} metrics={info.metrics} />}
      <div className="device-layout">
        <div className="device-charts">
          {live ? (
            info.metrics.map((metric) => (
              <MetricChart
                key={metric.key}
                deviceId={id}
                deviceName={info.name}
                metric={metric}
                windowMs={windowMs}
                pausedAt={pausedAt}
                rate={info.rate}
                online={online}
              />
            ))
          ) : (
            <HistoryCharts info={info} window={window} range={range} online={online} />
          )}
        </div>
        <DeviceSide info={info} />
      </div>
    </article>
  );
}
