/** The Alerts page's pure parts: what an alert shows as, filtering, order and the URL query. */

import type { MessageId } from "../../i18n/i18n";
import { isDeviceKind } from "../../protocol/constants";
import type { AlertInfo, DeviceKind } from "../../protocol/messages";

/** What the page shows an alert as: its state, or "acknowledged" for a firing one someone took. */
export type ShownState = "firing" | "acknowledged" | "pending" | "no_data" | "resolved";

export const SHOWN_STATE_TEXT: Record<ShownState, MessageId> = {
  firing: "shownState.firing",
  acknowledged: "shownState.acknowledged",
  pending: "shownState.pending",
  no_data: "shownState.no_data",
  resolved: "shownState.resolved",
};

export function shownState(alert: AlertInfo): ShownState {
  return alert.state === "firing" && alert.acknowledged ? "acknowledged" : alert.state;
}

export const SEVERITIES = ["warning", "critical"] as const;
export const ACTIVE_STATES = ["firing", "acknowledged", "pending", "no_data"] as const;

export interface AlertFilter {
  severity: AlertInfo["severity"] | "";
  kind: DeviceKind | "";
  device: string;
  /** One of ACTIVE_STATES, or "" for all (the resolved history ignores it). */
  state: (typeof ACTIVE_STATES)[number] | "";
}

/** Alerts matching the filter, newest `since` first (ties by id, so the order is stable). */
export function filterAlerts(
  alerts: Iterable<AlertInfo>,
  filter: AlertFilter,
  kindOf: (device: string) => DeviceKind | undefined,
  withState = true,
): AlertInfo[] {
  const kept: AlertInfo[] = [];
  for (const alert of alerts) {
    if (filter.severity && alert.severity !== filter.severity) continue;
    if (filter.device && alert.device !== filter.device) continue;
    if (filter.kind && kindOf(alert.device) !== filter.kind) continue;
    if (withState && filter.state && shownState(alert) !== filter.state) continue;
    kept.push(alert);
  }
  return kept.sort((a, b) => b.since - a.since || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Counts per shown state, for the page's summary. */
export function countByState(alerts: Iterable<AlertInfo>): Record<ShownState, number> {
  const counts: Record<ShownState, number> = {
    firing: 0,
    acknowledged: 0,
    pending: 0,
    no_data: 0,
    resolved: 0,
  };
  for (const alert of alerts) counts[shownState(alert)]++;
  return counts;
}

/** Reads a filter from the page's URL query, ignoring unknown values. */
export function filterFromQuery(query: URLSearchParams): AlertFilter {
  const severity = query.get("severity") ?? "";
  const kind = query.get("kind") ?? "";
  const state = query.get("state") ?? "";
  return {
    severity: (SEVERITIES as readonly string[]).includes(severity)
      ? (severity as AlertFilter["severity"])
      : "",
    kind: isDeviceKind(kind) ? kind : "",
    device: query.get("device") ?? "",
    state: (ACTIVE_STATES as readonly string[]).includes(state) ? (state as AlertFilter["state"]) : "",
  };
}

/** The resolved history's ranges, ms back from now. */
export const HISTORY_RANGES = [
  { key: "1h", label: "alertsPage.lastHour", ms: 3_600_000 },
  { key: "24h", label: "alertsPage.last24h", ms: 86_400_000 },
  { key: "7d", label: "alertsPage.last7d", ms: 7 * 86_400_000 },
  { key: "30d", label: "alertsPage.last30d", ms: 30 * 86_400_000 },
] as const;
export type HistoryRangeKey = (typeof HISTORY_RANGES)[number]["key"];
