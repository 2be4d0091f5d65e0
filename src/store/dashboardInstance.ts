/**
 * The tab's one dashboard core. Views call `getDashboard()`; it is created (from the page's URL
 * and build-time settings) and started on first use. Tests, embedders and the benchmark's page
 * install their own with `setDashboard` before anything renders.
 */
import { createDashboard, type Dashboard } from "./createDashboard";

let instance: Dashboard | undefined;

/** The tab's dashboard, created and started on first call. */
export function getDashboard(): Dashboard {
  if (!instance) {
    instance = createDashboard();
    instance.start();
  }
  return instance;
}

/** Replaces the tab's dashboard (stopping the previous one); pass undefined to reset. */
export function setDashboard(dashboard: Dashboard | undefined): void {
  if (instance && instance !== dashboard) instance.stop();
  instance = dashboard;
}
