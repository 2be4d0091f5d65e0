/** The words the event log uses for the server's alert transitions (protocol v1.3). */
import { formatValue } from "../charts/format";
import { metricLabel } from "../i18n/deviceText";
import { t } from "../i18n/i18n";
import type { AlertInfo, DeviceInfo } from "../protocol/messages";
import type { NewDashboardEvent } from "./dashboardTypes";

/** "Greenhouse thermostat temperature" (the metric's label when the device declares it). */
export function alertSubject(alert: AlertInfo, device: DeviceInfo | undefined): string {
  const metric = device?.metrics.find((m) => m.key === alert.metric);
  return t("eventLog.alertSubject", {
    device: device?.name ?? alert.device,
    metric: (metric ? metricLabel(metric) : alert.metric).toLowerCase(),
  });
}

/** The alert's subject, with the value it was at when there is one. */
function subjectAt(alert: AlertInfo, device: DeviceInfo | undefined): string {
  const subject = alertSubject(alert, device);
  if (alert.value === null) return subject;
  const unit = device?.metrics.find((m) => m.key === alert.metric)?.unit;
  return t("eventLog.alertAt", { subject, value: formatValue(alert.value, unit) });
}

/**
 * The log line for an alert that changed from `before` (undefined: not known until now), or
 * undefined when the change is not worth a line (pending, or nothing an operator acts on).
 */
export function alertEvent(
  alert: AlertInfo,
  before: AlertInfo | undefined,
  device: DeviceInfo | undefined,
): NewDashboardEvent | undefined {
  const base = { kind: "alert" as const, device: alert.device };
  if (alert.acknowledged && !before?.acknowledged) {
    const { by, comment } = alert.acknowledged;
    const subject = alertSubject(alert, device);
    return {
      ...base,
      level: "info",
      message: comment
        ? t("eventLog.alertAckedComment", { by, subject, comment })
        : t("eventLog.alertAcked", { by, subject }),
    };
  }
  if (before?.state === alert.state) return undefined;
  switch (alert.state) {
    case "firing":
      return {
        ...base,
        level: alert.severity === "critical" ? "error" : "warning",
        message: t("eventLog.alertFiring", {
          severity: alert.severity,
          subject: subjectAt(alert, device),
        }),
      };
    case "no_data":
      return {
        ...base,
        level: "warning",
        message: t("eventLog.alertNoData", { subject: alertSubject(alert, device) }),
      };
    case "resolved":
      return before
        ? {
            ...base,
            level: "info",
            message: t("eventLog.alertResolved", { subject: subjectAt(alert, device) }),
          }
        : undefined;
    default:
      return undefined;
  }
}
