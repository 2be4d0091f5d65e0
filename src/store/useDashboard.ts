/**
 * The one React binding of the dashboard store. Select a single field or a primitive derived
 * from few fields, so a component re-renders only when what it shows changes:
 * `useDashboard((s) => s.devices[id]?.online)`, `useDashboard((s) => s.seriesVersion[id] ?? 0)`.
 * A selector returning a new object or array on every call re-renders on every store update;
 * use several atomic selectors instead.
 */
import { useStore } from "zustand";
import type { DashboardStoreState } from "./createDashboardStore";
import { getDashboard } from "./dashboardInstance";

export function useDashboard<T>(selector: (state: DashboardStoreState) => T): T {
  return useStore(getDashboard().store, selector);
}
