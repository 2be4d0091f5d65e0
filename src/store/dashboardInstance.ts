/**
 * The tab's one dashboard core. Views call `getDashboard()`; it is created (from the page's URL
 * and build-time settings) and started on first use. Tests and embedders may install their own
 * with `setDashboard` before anything renders.
 */
import { createBenchProbe } from "./benchProbe";
import { createDashboard, type Dashboard } from "./createDashboard";

let instance: Dashboard | undefined;

/** The tab's dashboard, created and started on first call. */
export function getDashboard(): Dashboard {
  if (!instance) {
    instance = isBenchPage() ? createBenchDashboard() : createDashboard();
    instance.start();
  }
  return instance;
}

/** Replaces the tab's dashboard (stopping the previous one); pass undefined to reset. */
export function setDashboard(dashboard: Dashboard | undefined): void {
  if (instance && instance !== dashboard) instance.stop();
  instance = dashboard;
}

function isBenchPage(): boolean {
  return typeof location !== "undefined" && new URLSearchParams(location.search).has("bench");
}

/** The dashboard with the benchmark's probe attached and exposed as `window.__fleetBench`. */
function createBenchDashboard(): Dashboard {
  let dashboard: Dashboard | undefined;
  const { probe, hook } = createBenchProbe((ids) => {
    if (!dashboard) return;
    const all = dashboard.store.getState().deviceIds;
    dashboard.watch("bench", ids === "*" ? all : ids);
  });
  dashboard = createDashboard({ probe });
  (window as unknown as { __fleetBench?: unknown }).__fleetBench = hook;
  return dashboard;
}
