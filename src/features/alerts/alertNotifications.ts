/**
 * Optional desktop notifications (the browser's Notification API) for alerts that start firing.
 * Off until the operator turns them on (NotificationToggle asks the browser then, never before);
 * the choice is remembered in localStorage. Small on purpose: it runs from the start page.
 */
import { formatValue } from "../../charts/format";
import { metricLabel } from "../../i18n/deviceText";
import { t } from "../../i18n/i18n";
import type { DashboardStore } from "../../store/createDashboardStore";

export const NOTIFICATIONS_KEY = "fleet.notifications.v1";

/** True when the operator turned notifications on (in this browser). */
export function notificationsWanted(): boolean {
  try {
    return localStorage.getItem(NOTIFICATIONS_KEY) === "on";
  } catch {
    return false;
  }
}

export function setNotificationsWanted(on: boolean): void {
  try {
    if (on) localStorage.setItem(NOTIFICATIONS_KEY, "on");
    else localStorage.removeItem(NOTIFICATIONS_KEY);
  } catch {
    // Storage blocked: the choice lasts for this page only.
  }
}

/** Notifies each alert that starts firing while the page is open; returns a function that stops. */
export function startAlertNotifications(store: DashboardStore): () => void {
  return store.subscribe((state, previous) => {
    // The snapshot after connecting is what was already open, not news.
    if (state.alerts === previous.alerts || !state.alerts || !previous.alerts) return;
    // The wish first: reading Notification.permission is a synchronous call into the browser
    // (~80 us in Chromium), and under a firehose the alerts change hundreds of times a second.
    if (
      !notificationsWanted() ||
      typeof Notification === "undefined" ||
      Notification.permission !== "granted"
    )
      return;
    for (const alert of Object.values(state.alerts.byId)) {
      if (alert.state !== "firing" || previous.alerts.byId[alert.id]?.state === "firing") continue;
      const info = state.devices[alert.device]?.info;
      const metric = info?.metrics.find((m) => m.key === alert.metric);
      const label = metric ? metricLabel(metric) : alert.metric;
      // The event log's words (the start part of the catalogue): this runs on every page.
      const title = t("eventLog.alertFiring", {
        severity: alert.severity,
        subject: info?.name ?? alert.device,
      });
      const body =
        alert.value === null
          ? label
          : t("eventLog.alertAt", { subject: label, value: formatValue(alert.value, metric?.unit) });
      new Notification(title, { body, tag: alert.id });
    }
  });
}
