import { useState } from "react";
import type { AlertInfo } from "../../protocol/messages";
import { getDashboard } from "../../store/dashboardInstance";
import { useDashboard } from "../../store/useDashboard";
import { alertsHref, navigate } from "../../ui/links";
import { usePermission } from "../access/usePermission";
import { NotificationToggle } from "../alerts/NotificationToggle";
import { AckDialog } from "./AckDialog";
import { AlertFilters } from "./AlertFilters";
import { AlertTable } from "./AlertTable";
import { type AlertFilter, countByState, filterAlerts, filterFromQuery } from "./alertFilter";
import { ResolvedHistory } from "./ResolvedHistory";
import "./alertsPage.css";
import { metricLabel } from "../../i18n/deviceText";
import { t } from "../../i18n/i18n";

const NO_ALERTS: Readonly<Record<string, AlertInfo>> = {};

/** The server's alerts: those not resolved (live), filters, acknowledgement, and the resolved history. */
export function AlertsPage({ query }: { query: URLSearchParams }) {
  const devices = useDashboard((s) => s.devices);
  const deviceIds = useDashboard((s) => s.deviceIds);
  const index = useDashboard((s) => s.alerts);
  const live = useDashboard((s) => s.connection.status === "live");
  const [acknowledging, setAcknowledging] = useState<AlertInfo>();
  const ackDenied = usePermission("acknowledge");
  const filter = filterFromQuery(query);
  const kindOf = (device: string) => devices[device]?.info.kind;
  const byId = index?.byId ?? NO_ALERTS;
  const shown = filterAlerts(Object.values(byId), filter, kindOf);
  const counts = countByState(Object.values(byId));
  const setFilter = (next: AlertFilter) =>
    navigate(
      alertsHref({ severity: next.severity, kind: next.kind, device: next.device, state: next.state }),
      {
        replace: true,
      },
    );
  const subject = (alert: AlertInfo) => {
    const info = getDashboard().store.getState().devices[alert.device]?.info;
    const found = info?.metrics.find((m) => m.key === alert.metric);
    const metric = found ? metricLabel(found) : alert.metric;
    return t("alertsPage.subject", { metric, device: info?.name ?? alert.device });
  };

  return (
    <>
      <h1 className="page-title">{t("alertsPage.title")}</h1>
      <NotificationToggle />
      <AlertFilters
        filter={filter}
        devices={deviceIds.map((id) => ({ id, name: devices[id]?.info.name ?? id }))}
        onChange={setFilter}
      />
      <section className="panel" aria-labelledby="active-title">
        <h2 id="active-title">{t("alertsPage.active")}</h2>
        <p className="alert-counts">
          {(["firing", "acknowledged", "pending", "no_data"] as const)
            .map((state) => t(`alertsPage.count.${state}`, { count: counts[state] }))
            .join(" · ")}
        </p>
        {!index && <p className="muted">{live ? t("alertsPage.noAlertsServer") : t("alertsPage.waiting")}</p>}
        {ackDenied && counts.firing > 0 && (
          <p className="controls-disabled" id="ack-denied">
            {t("alertsPage.ackClosed", { reason: ackDenied })}
          </p>
        )}
        {index && shown.length === 0 && <p className="muted">{t("alertsPage.noneMatch")}</p>}
        {shown.length > 0 && (
          <AlertTable
            label={t("alertsPage.activeAlerts")}
            alerts={shown}
            devices={devices}
            sinceLabel={t("alertsPage.since")}
            onAcknowledge={setAcknowledging}
            {...(ackDenied ? { ackDeniedId: "ack-denied" } : {})}
          />
        )}
      </section>
      <ResolvedHistory filter={filter} devices={devices} kindOf={kindOf} />
      {acknowledging && (
        <AckDialog
          alert={acknowledging}
          subject={subject(acknowledging)}
          onClose={() => setAcknowledging(undefined)}
        />
      )}
    </>
  );
}
