/**
 * Installs the tab's dashboard with the benchmark's probe attached, before the app's modules
 * run (main.ts imports this first), so the views find it through `getDashboard()`.
 */
import { createDashboard } from "../../../src/store/createDashboard";
import { setDashboard } from "../../../src/store/dashboardInstance";
import { attachDashboardProbe } from "./dashboardProbe";

const dashboard = createDashboard();
window.__fleetBench = attachDashboardProbe(dashboard);
setDashboard(dashboard);
// Not started here: the app's access flow starts it once the server let the tab in, after the
// i18n catalogue is active (started earlier, the first `live` logged an event through an
// inactive Lingui, threw, and nothing was ever subscribed).
