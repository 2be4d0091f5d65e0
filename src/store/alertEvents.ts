/** The words the event log uses for the server's alert transitions (protocol v1.3). */
import { formatValue } from "../charts/format";
import type { AlertInfo, DeviceInfo } from "../protocol/messages";
import type { NewDashboardEvent } from "./dashboardTypes";

/** "Greenhouse thermostat temperature" (the metric's label when the device declares it). */
export function alertSubject(alert: AlertInfo, device: DeviceInfo | undefined): string {
  const metric = device?.metrics.find((m) => m.key === alert.metric);
  return `${device?.name ?? alert.device} ${(metric?.label ?? alert.metric).toLowerCase()}`;
}

function valueText(alert: AlertInfo, device: DeviceInfo | undefined): string {
  const unit = device?.metrics.find((m) => m.key === alert.metric)?.unit;
  return alert.value === null ? "" : ` at ${formatValue(alert.value, unit)}`;
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
  const subject = alertSubject(alert, device);
  const base = { kind: "alert" as const, device: alert.device };
  if (alert.acknowledged && !before?.acknowledged) {
    const comment = alert.acknowledged.comment ? `: “${alert.acknowledged.comment}”` : "";
    return {
      ...base,
      level: "info",
      message: `Alert acknowledged by ${alert.acknowledged.by}: ${subject}${comment}`,
    };
  }
  if (before?.state === alert.state) return undefined;
  switch (alert.state) {
    case "firing":
      return {
        ...base,
        level: alert.severity === "critical" ? "error" : "warning",
        message: `Alert firing (${alert.severity}): ${subject}${valueText(alert, device)}`,
      };
    case "no_data":
      return { ...base, level: "warning", message: `Alert without data: ${subject} (the device is silent)` };
    case "resolved":
      return before
        ? { ...base, level: "info", message: `Alert resolved: ${subject}${valueText(alert, device)}` }
        : undefined;
    default:
      return undefined;
  }
}
