import { formatClock, formatValue } from "../../charts/format";
import { metricLabel } from "../../i18n/deviceText";
import { type MessageId, t } from "../../i18n/i18n";
import type { AlertInfo, MetricInfo } from "../../protocol/messages";
import { alertsHref } from "../../ui/links";

const STATE_TEXT: Record<AlertInfo["state"], MessageId> = {
  firing: "alertState.firing",
  pending: "alertState.pending",
  no_data: "alertState.no_data",
  resolved: "alertState.resolved",
};
const SEVERITY_TEXT: Record<AlertInfo["severity"], MessageId> = {
  warning: "severity.warning",
  critical: "severity.critical",
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
    <ul className="alert-list" aria-label={t("device.activeAlerts")}>
      {alerts.map((alert) => {
        const metric = metrics.find((m) => m.key === alert.metric);
        return (
          <li key={alert.id} className={`alert-item is-${alert.state}`}>
            <strong>{metric ? metricLabel(metric) : alert.metric}</strong>{" "}
            {t("device.alertLine", {
              state: t(STATE_TEXT[alert.state]),
              severity: t(SEVERITY_TEXT[alert.severity]),
              time: formatClock(alert.since),
            })}
            {alert.value !== null && t("device.alertAt", { value: formatValue(alert.value, metric?.unit) })}
            {alert.acknowledged && t("device.alertAckBy", { user: alert.acknowledged.by })}
            {alert.acknowledged?.comment && `: “${alert.acknowledged.comment}”`}{" "}
            <a href={alertsHref({ device: alert.device })}>{t("device.onAlertsPage")}</a>
          </li>
        );
      })}
    </ul>
  );
}
