/**
 * The tab's one dashboard core. Views call `getDashboard()`; it is created (from the page's URL
 * and build-time settings) on first use and started once the server let the tab in
 * (features/access: `GET /api/me`, or the sign-in page). Tests, embedders and the benchmark's page
 * install their own with `setDashboard` before anything renders.
 */
import { createDashboard, type Dashboard } from "./createDashboard";

let instance: Dashboard | undefined;

/** The tab's dashboard, created (not started) on first call. */
export function getDashboard(): Dashboard {
  instance ??= createDashboard();
  return instance;
}

/** Replaces the tab's dashboard (stopping the previous one); pass undefined to reset. */
export function setDashboard(dashboard: Dashboard | undefined): void {
  if (instance && instance !== dashboard) instance.stop();
  instance = dashboard;
}
