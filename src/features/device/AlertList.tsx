import { formatClock, formatValue } from "../../charts/format";
import type { AlertInfo, MetricInfo } from "../../protocol/messages";
import { alertsHref } from "../../ui/links";

const STATE_TEXT: Record<AlertInfo["state"], string> = {
  firing: "firing",
  pending: "pending",
  no_data: "no data",
  resolved: "resolved",
};

/** The device's alerts not resolved (the server's), in words. */
export function AlertList({
  alerts,
  metrics,
}: {
  alerts: readonly AlertInfo[];
  metrics: readonly MetricInfo[];
}) {
  return (
    <ul className="alert-list" aria-label="Active alerts">
      {alerts.map((alert) => {
        const metric = metrics.find((m) => m.key === alert.metric);
        return (
          <li key={alert.id} className={`alert-item is-${alert.state}`}>
            <strong>{metric?.label ?? alert.metric}</strong> {STATE_TEXT[alert.state]} ({alert.severity})
            since {formatClock(alert.since)}
            {alert.value !== null && `, at ${formatValue(alert.value, metric?.unit)}`}
            {alert.acknowledged && `; acknowledged by ${alert.acknowledged.by}`}
            {alert.acknowledged?.comment && `: “${alert.acknowledged.comment}”`}{" "}
            <a href={alertsHref({ device: alert.device })}>On the Alerts page</a>
          </li>
        );
      })}
    </ul>
  );
}
