/**
 * The server's alerts as the dashboard holds them (protocol v1.3): every alert not resolved, by id
 * and by device. Pure: `applyAlerts` takes the previous index and one `alerts` message and returns
 * the next, keeping the per-device arrays of untouched devices (so a card re-renders only when its
 * own alerts change).
 */
import type { AlertInfo } from "../protocol/messages";

/** Alerts not resolved, as the server last told them. */
export interface AlertIndex {
  /** By alert id. */
  byId: Readonly<Record<string, AlertInfo>>;
  /** By device: its alerts not resolved, newest `since` first. */
  byDevice: Readonly<Record<string, readonly AlertInfo[]>>;
}

export const EMPTY_ALERTS: AlertIndex = { byId: {}, byDevice: {} };

/** True for the alerts that make a device "alerting" on the overview: firing, acknowledged or not. */
export function isFiring(alert: AlertInfo): boolean {
  return alert.state === "firing";
}

/**
 * The index after one `alerts` message: a snapshot replaces everything; otherwise each alert
 * replaces its previous state, and a resolved one leaves.
 */
export function applyAlerts(
  previous: AlertIndex,
  alerts: readonly AlertInfo[],
  snapshot: boolean,
): AlertIndex {
  const byId: Record<string, AlertInfo> = snapshot ? {} : { ...previous.byId };
  const touched = new Set<string>();
  for (const alert of alerts) {
    const before = byId[alert.id];
    if (before) touched.add(before.device);
    touched.add(alert.device);
    if (alert.state === "resolved") delete byId[alert.id];
    else byId[alert.id] = alert;
  }
  const byDevice: Record<string, readonly AlertInfo[]> = snapshot ? {} : { ...previous.byDevice };
  if (!snapshot) for (const device of touched) delete byDevice[device];
  const grouped: Record<string, AlertInfo[]> = {};
  for (const alert of Object.values(byId)) {
    if (!snapshot && !touched.has(alert.device)) continue;
    const list = grouped[alert.device];
    if (list) list.push(alert);
    else grouped[alert.device] = [alert];
  }
  for (const [device, list] of Object.entries(grouped))
    byDevice[device] = list.sort((a, b) => b.since - a.since);
  return { byId, byDevice };
}
