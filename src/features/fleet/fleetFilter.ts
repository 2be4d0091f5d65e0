/** Search, filter, sort and count the fleet for the overview. Pure: no React, no store. */
import { isDeviceKind } from "../../protocol/constants";
import type { DeviceKind } from "../../protocol/messages";
import type { Availability } from "../../ui/StatusBadge";

/** What the overview needs to know about one device to place it. */
export interface FleetRow {
  id: string;
  name: string;
  kind: DeviceKind;
  availability: Availability;
  alerting: boolean;
}

export const STATUS_FILTERS = ["", "online", "stale", "offline", "alerting"] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];
export const SORT_KEYS = ["name", "kind", "status", "alerts"] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export interface FleetFilter {
  query: string;
  kind: DeviceKind | "";
  status: StatusFilter;
  sort: SortKey;
}

export interface FleetCounts {
  total: number;
  online: number;
  stale: number;
  offline: number;
  alerting: number;
}

const AVAILABILITY_ORDER: Record<Availability, number> = { offline: 0, stale: 1, online: 2 };
const collator = new Intl.Collator("en", { numeric: true, sensitivity: "base" });

function matchesStatus(row: FleetRow, status: StatusFilter): boolean {
  if (status === "") return true;
  if (status === "alerting") return row.alerting;
  return row.availability === status;
}

/** Rows matching the filter, in the chosen order (ties by name, then id, so order is stable). */
export function filterFleet(rows: readonly FleetRow[], filter: FleetFilter): FleetRow[] {
  const needle = filter.query.trim().toLowerCase();
  const kept = rows.filter(
    (row) =>
      (needle === "" || row.name.toLowerCase().includes(needle) || row.id.toLowerCase().includes(needle)) &&
      (filter.kind === "" || row.kind === filter.kind) &&
      matchesStatus(row, filter.status),
  );
  const byName = (a: FleetRow, b: FleetRow) =>
    collator.compare(a.name, b.name) || collator.compare(a.id, b.id);
  const compare: Record<SortKey, (a: FleetRow, b: FleetRow) => number> = {
    name: byName,
    kind: (a, b) => collator.compare(a.kind, b.kind) || byName(a, b),
    // Problems first: offline, then stale, then online.
    status: (a, b) => AVAILABILITY_ORDER[a.availability] - AVAILABILITY_ORDER[b.availability] || byName(a, b),
    alerts: (a, b) => Number(b.alerting) - Number(a.alerting) || byName(a, b),
  };
  return kept.sort(compare[filter.sort]);
}

/** Counts per status for the summary bar. */
export function countFleet(rows: readonly FleetRow[]): FleetCounts {
  const counts: FleetCounts = { total: rows.length, online: 0, stale: 0, offline: 0, alerting: 0 };
  for (const row of rows) {
    counts[row.availability]++;
    if (row.alerting) counts.alerting++;
  }
  return counts;
}

/** Reads a filter from the overview's URL query, ignoring unknown values. */
export function filterFromQuery(query: URLSearchParams): FleetFilter {
  const kind = query.get("kind") ?? "";
  const status = query.get("status") ?? "";
  const sort = query.get("sort") ?? "name";
  return {
    query: query.get("q") ?? "",
    kind: isDeviceKind(kind) ? kind : "",
    status: ((STATUS_FILTERS as readonly string[]).includes(status) ? status : "") as StatusFilter,
    sort: ((SORT_KEYS as readonly string[]).includes(sort) ? sort : "name") as SortKey,
  };
}

/** The URL query for a filter (defaults left out). */
export function filterToQuery(filter: FleetFilter): Record<string, string> {
  return {
    q: filter.query,
    kind: filter.kind,
    status: filter.status,
    sort: filter.sort === "name" ? "" : filter.sort,
  };
}
