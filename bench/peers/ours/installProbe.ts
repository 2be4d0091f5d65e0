/**
 * Installs the tab's dashboard with the benchmark's probe attached, before the app's modules
 * run (main.ts imports this first), so the views find it through `getDashboard()`.
 */
import { createDashboard } from "../../../src/store/createDashboard";
import { setDashboard } from "../../../src/store/dashboardInstance";
import { currentRoute } from "../shared/feed";
import { attachDashboardProbe } from "./dashboardProbe";

const dashboard = createDashboard();
// Latency over the devices the page draws, as the peers count it: in a device view its device;
// in the overview every device ours holds (it subscribes to the cards on screen only).
const route = currentRoute();
window.__fleetBench = attachDashboardProbe(dashboard, (id) => route.view !== "device" || id === route.id);
setDashboard(dashboard);
// Not started here: the app's access flow starts it once the server let the tab in, after the
// i18n catalogue is active (started earlier, the first `live` logged an event through an
// inactive Lingui, threw, and nothing was ever subscribed).
