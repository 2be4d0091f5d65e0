import { useSyncExternalStore } from "react";
import { isFiring } from "../../store/alertIndex";
import { getDashboard } from "../../store/dashboardInstance";
import type { DashboardState, DeviceEntry } from "../../store/dashboardTypes";
import type { Availability } from "../../ui/StatusBadge";
import type { FleetRow } from "./fleetFilter";

function availability(entry: DeviceEntry): Availability {
  return !entry.online ? "offline" : entry.stale ? "stale" : "online";
}

/**
 * Keeps one row per device and a stable array of them. The store's `devices` record changes
 * every frame (lastSeen); the rows only change when what the overview filters and sorts on does,
 * and checking that allocates nothing, so 2,000 devices cost a short loop per frame.
 */
class FleetRowCache {
  rows: FleetRow[] = [];
  private byId = new Map<string, FleetRow>();
  private devices: DashboardState["devices"] | undefined;
  private ids: DashboardState["deviceIds"] | undefined;
  private alerts: DashboardState["alerts"];

  snapshot(state: DashboardState): FleetRow[] {
    const alerts = state.alerts;
    if (state.devices === this.devices && state.deviceIds === this.ids && alerts === this.alerts)
      return this.rows;
    const idsChanged = state.deviceIds !== this.ids;
    this.devices = state.devices;
    this.ids = state.deviceIds;
    this.alerts = alerts;
    let changed = idsChanged;
    for (const id of state.deviceIds) {
      const entry = state.devices[id];
      if (!entry) continue;
      const row = this.byId.get(id);
      const next = availability(entry);
      const alerting = alerts?.byDevice[id]?.some(isFiring) ?? false;
      if (row && row.availability === next && row.alerting === alerting && row.name === entry.info.name)
        continue;
      this.byId.set(id, { id, name: entry.info.name, kind: entry.info.kind, availability: next, alerting });
      changed = true;
    }
    if (changed) {
      if (idsChanged) for (const id of this.byId.keys()) if (!state.devices[id]) this.byId.delete(id);
      this.rows = state.deviceIds.flatMap((id) => this.byId.get(id) ?? []);
    }
    return this.rows;
  }
}

const cache = new FleetRowCache();

function snapshot(): FleetRow[] {
  return cache.snapshot(getDashboard().store.getState());
}

function subscribe(onChange: () => void): () => void {
  return getDashboard().store.subscribe(onChange);
}

/** The fleet as overview rows; a new array only when names, statuses or firing alerts change. */
export function useFleetRows(): FleetRow[] {
  return useSyncExternalStore(subscribe, snapshot);
}
