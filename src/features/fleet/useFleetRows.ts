import { useSyncExternalStore } from "react";
import { getDashboard } from "../../store/dashboardInstance";
import type { DashboardState } from "../../store/dashboardTypes";
import type { AlertState } from "../alerts/alertStore";
import { getAlertStore } from "../alerts/useAlerts";
import type { Availability, FleetRow } from "./fleetFilter";

function availability(online: boolean, stale: boolean): Availability {
  return !online ? "offline" : stale ? "stale" : "online";
}

function buildRows(state: DashboardState, alerts: AlertState["active"]): FleetRow[] {
  return state.deviceIds.flatMap((id) => {
    const entry = state.devices[id];
    if (!entry) return [];
    return [
      {
        id,
        name: entry.info.name,
        kind: entry.info.kind,
        availability: availability(entry.online, entry.stale),
        alerting: Boolean(alerts[id]),
      },
    ];
  });
}

function sameRows(a: readonly FleetRow[], b: readonly FleetRow[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as FleetRow;
    const y = b[i] as FleetRow;
    if (
      x.id !== y.id ||
      x.availability !== y.availability ||
      x.alerting !== y.alerting ||
      x.name !== y.name
    ) {
      return false;
    }
  }
  return true;
}

let cached: FleetRow[] = [];
let cachedFrom: [DashboardState["devices"] | undefined, DashboardState["deviceIds"] | undefined, unknown] = [
  undefined,
  undefined,
  undefined,
];

// The devices record changes every frame (lastSeen); the rows only when what the overview
// sorts and filters on changes, so the overview does not re-render at frame rate.
function snapshot(): FleetRow[] {
  const state = getDashboard().store.getState();
  const active = getAlertStore().getState().active;
  if (cachedFrom[0] === state.devices && cachedFrom[1] === state.deviceIds && cachedFrom[2] === active)
    return cached;
  cachedFrom = [state.devices, state.deviceIds, active];
  const next = buildRows(state, active);
  if (!sameRows(next, cached)) cached = next;
  return cached;
}

function subscribe(onChange: () => void): () => void {
  const offDashboard = getDashboard().store.subscribe(onChange);
  const offAlerts = getAlertStore().subscribe(onChange);
  return () => {
    offDashboard();
    offAlerts();
  };
}

/** The fleet as overview rows; a new array only when names, statuses or alerts change. */
export function useFleetRows(): FleetRow[] {
  return useSyncExternalStore(subscribe, snapshot);
}
