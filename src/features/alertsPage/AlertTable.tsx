import { formatMoment, formatValue } from "../../charts/format";
import { metricLabel } from "../../i18n/deviceText";
import { t } from "../../i18n/i18n";
import type { AlertInfo } from "../../protocol/messages";
import type { DeviceEntry } from "../../store/dashboardTypes";
import { deviceHref } from "../../ui/links";
import { SHOWN_STATE_TEXT, shownState } from "./alertFilter";

interface Props {
  /** The table's accessible name, e.g. "Active alerts". */
  label: string;
  alerts: readonly AlertInfo[];
  devices: Readonly<Record<string, DeviceEntry>>;
  /** Header of the time column: when the alert entered its state. */
  sinceLabel: string;
  /** Offered on firing alerts nobody acknowledged yet. */
  onAcknowledge?: (alert: AlertInfo) => void;
  /** Id of the text saying why acknowledging is closed to this role (the buttons are disabled). */
  ackDeniedId?: string;
}

/** Alerts as a table: state, severity, device, metric, value, time and acknowledgement, in words. */
export function AlertTable({ label, alerts, devices, sinceLabel, onAcknowledge, ackDeniedId }: Props) {
  return (
    <div className="alert-table-wrap">
      <table className="alert-table" aria-label={label}>
        <thead>
          <tr>
            <th scope="col">{t("alertsPage.colState")}</th>
            <th scope="col">{t("alertsPage.colSeverity")}</th>
            <th scope="col">{t("alertsPage.colDevice")}</th>
            <th scope="col">{t("alertsPage.colMetric")}</th>
            <th scope="col">{t("alertsPage.colValue")}</th>
            <th scope="col">{sinceLabel}</th>
            <th scope="col">{t("alertsPage.colAcknowledged")}</th>
            {onAcknowledge && <th scope="col">{t("alertsPage.colAction")}</th>}
          </tr>
        </thead>
        <tbody>
          {alerts.map((alert) => {
            const info = devices[alert.device]?.info;
            const metric = info?.metrics.find((m) => m.key === alert.metric);
            const shown = shownState(alert);
            const metricName = metric ? metricLabel(metric) : alert.metric;
            return (
              <tr key={alert.id} data-alert={alert.id} className={`is-${shown}`}>
                <td>
                  <span className={`alert-state alert-state-${shown}`}>{t(SHOWN_STATE_TEXT[shown])}</span>
                </td>
                <td className={`severity-${alert.severity}`}>{t(`severity.${alert.severity}`)}</td>
                <td>
                  <a href={deviceHref(alert.device)}>{info?.name ?? alert.device}</a>
                </td>
                <td>{metricName}</td>
                <td>
                  {alert.value === null ? t("alertsPage.noData") : formatValue(alert.value, metric?.unit)}
                </td>
                <td>{formatMoment(alert.since)}</td>
                <td>
                  {alert.acknowledged
                    ? `${alert.acknowledged.by}, ${formatMoment(alert.acknowledged.at)}${alert.acknowledged.comment ? `: “${alert.acknowledged.comment}”` : ""}`
                    : "—"}
                </td>
                {onAcknowledge && (
                  <td>
                    {shown === "firing" && (
                      <button
                        type="button"
                        className="btn"
                        aria-label={t("alertsPage.acknowledgeLabel", {
                          metric: metricName,
                          device: info?.name ?? alert.device,
                        })}
                        disabled={ackDeniedId !== undefined}
                        aria-describedby={ackDeniedId}
                        onClick={() => onAcknowledge(alert)}
                      >
                        {t("alertsPage.acknowledge")}
                      </button>
                    )}
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
