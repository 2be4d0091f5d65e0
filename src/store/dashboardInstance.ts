/**
 * The tab's one dashboard core. Views call `getDashboard()`; it is created (from the page's URL
 * and build-time settings) on first use and started once the server let the tab in
 * (features/access: `GET /api/me`, or the sign-in page). Its store is there at once; the core's
 * code is downloaded after the first render (deferredDashboard.ts). Tests, embedders and the
 * benchmark's page install their own with `setDashboard` before anything renders.
 */
import type { DashboardHandle } from "./dashboardApi";
import { createDeferredDashboard } from "./deferredDashboard";

let instance: DashboardHandle | undefined;

/** The tab's dashboard, created (not started) on first call. */
export function getDashboard(): DashboardHandle {
  instance ??= createDeferredDashboard(() => import("./createDashboard").then((m) => m.createDashboard));
  return instance;
}

/** Replaces the tab's dashboard (stopping the previous one); pass undefined to reset. */
export function setDashboard(dashboard: DashboardHandle | undefined): void {
  if (instance && instance !== dashboard) instance.stop();
  instance = dashboard;
}
