import { memo, useState } from "react";
import { formatAgo, formatValue } from "../../charts/format";
import { PointReader } from "../../charts/readPoints";
import { Sparkline } from "../../charts/Sparkline";
import { metricLabel } from "../../i18n/deviceText";
import { t } from "../../i18n/i18n";
import { isFiring } from "../../store/alertIndex";
import { getDashboard } from "../../store/dashboardInstance";
import { useDashboard } from "../../store/useDashboard";
import { AlertBadge } from "../../ui/AlertBadge";
import { KindLabel } from "../../ui/KindIcon";
import { deviceHref } from "../../ui/links";
import { StatusBadge } from "../../ui/StatusBadge";
import { useNow } from "../../ui/useNow";
import { useSeriesTick } from "../../ui/useSeriesTick";
import { PickToCompare } from "../compare/PickToCompare";

const SPARK_MS = 60_000;
/** Metrics shown on a card; the rest are in the device view. */
const CARD_METRICS = 3;

export interface DeviceCardProps {
  id: string;
  /** Starts downloading the device view; called when someone points at or tabs to the card's link. */
  prefetchDeviceView(): void;
}

/** One device on the overview: identity, status, key values, a one-minute sparkline, alerts. */
export const DeviceCard = memo(function DeviceCard({ id, prefetchDeviceView }: DeviceCardProps) {
  const info = useDashboard((s) => s.devices[id]?.info);
  const online = useDashboard((s) => s.devices[id]?.online ?? false);
  const stale = useDashboard((s) => s.devices[id]?.stale ?? false);
  // The device's alerts not resolved (a stable array until they change).
  const alerts = useDashboard((s) => s.alerts?.byDevice[id]);
  useSeriesTick(getDashboard().store, id, 500);
  // Re-render every second so "last seen 12 s ago" keeps counting while no data arrives.
  useNow(1000);
  const [reader] = useState(() => new PointReader());
  if (!info) return null;

  const dashboard = getDashboard();
  const buffer = dashboard.series.get(id);
  const lastSeen = dashboard.store.getState().devices[id]?.lastSeen;
  const serverNow = dashboard.serverNow();
  const availability = !online ? "offline" : stale ? "stale" : "online";
  const seen =
    availability !== "online" && lastSeen !== undefined
      ? t("status.lastSeen", { ago: formatAgo(lastSeen, serverNow) })
      : undefined;
  const first = info.metrics[0];
  const points = first ? reader.read(buffer, first.key, serverNow - SPARK_MS, serverNow, 120) : [];
  const firing = alerts?.filter(isFiring) ?? [];

  return (
    <article
      className={`device-card is-${availability}${firing.length > 0 ? " is-alerting" : ""}`}
      aria-labelledby={`card-${id}`}
    >
      <header className="device-card-head">
        <h3 className="device-card-name" id={`card-${id}`}>
          {/* Pointing at or tabbing to a device starts downloading its view, so opening it is instant. */}
          <a href={deviceHref(id)} onPointerEnter={prefetchDeviceView} onFocus={prefetchDeviceView}>
            {info.name}
          </a>
        </h3>
        <PickToCompare id={id} name={info.name} />
      </header>
      <div className="device-card-badges">
        <KindLabel kind={info.kind} />
        <StatusBadge availability={availability} detail={seen} />
        <AlertBadge count={firing.length} />
      </div>
      <dl className="device-card-metrics">
        {info.metrics.slice(0, CARD_METRICS).map((metric) => (
          <div
            key={metric.key}
            className={firing.some((a) => a.metric === metric.key) ? "metric is-alerting" : "metric"}
          >
            <dt>{metricLabel(metric)}</dt>
            <dd>{formatValue(buffer?.latest(metric.key), metric.unit)}</dd>
          </div>
        ))}
      </dl>
      {first && (
        <Sparkline
          points={points}
          from={serverNow - SPARK_MS}
          to={serverNow}
          label={t("overview.sparkline", { metric: metricLabel(first) })}
        />
      )}
    </article>
  );
});
