import { useEffect, useRef } from "react";
import { startAlertNotifications } from "../features/alerts/alertNotifications";
import { LegacyThresholdsBanner } from "../features/alerts/LegacyThresholdsBanner";
import { ConnectionStatus } from "../features/connection/ConnectionStatus";
import { SourceBanner } from "../features/connection/SourceBanner";
import { TokenPrompt } from "../features/connection/TokenPrompt";
import { FleetOverview } from "../features/fleet/FleetOverview";
import { PROTOCOL_VERSION } from "../protocol/constants";
import { getDashboard } from "../store/dashboardInstance";
import { useDashboard } from "../store/useDashboard";
import { savedToken, saveToken } from "../ui/accessToken";
import { AlertsPageRoute } from "./AlertsPageRoute";
import { DeviceViewRoute } from "./DeviceViewRoute";
import { prefetchDeviceView } from "./deviceViewChunk";
import { focusHeadingWhenShown } from "./focusHeading";
import { LazyPage } from "./LazyPage";
import { eventsPageChunk, healthPageChunk } from "./pageChunks";
import type { Route } from "./route";
import { ThemeToggle } from "./ThemeToggle";
import { useRoute } from "./useRoute";
import "./app.css";

function Page({ route }: { route: Route }) {
  switch (route.name) {
    case "overview":
      return <FleetOverview query={route.query} prefetchDeviceView={prefetchDeviceView} />;
    case "device":
      return <DeviceViewRoute key={route.id} id={route.id} window={route.window} range={route.range} />;
    case "alerts":
      return <AlertsPageRoute query={route.query} />;
    case "events":
      return <LazyPage chunk={eventsPageChunk} title="Events" render={({ EventsPage }) => <EventsPage />} />;
    case "health":
      return <LazyPage chunk={healthPageChunk} title="Health" render={({ HealthPage }) => <HealthPage />} />;
    case "notFound":
      return (
        <section className="empty-state">
          <h1 className="page-title">Page not found</h1>
          <p>There is no page at “{route.path}”.</p>
          <a href="#/">Go to the fleet overview</a>
        </section>
      );
  }
}

const NAV: { href: string; label: string; names: Route["name"][] }[] = [
  { href: "#/", label: "Fleet", names: ["overview", "device"] },
  { href: "#/alerts", label: "Alerts", names: ["alerts"] },
  { href: "#/events", label: "Events", names: ["events"] },
  { href: "#/health", label: "Health", names: ["health"] },
];

// The token lives in sessionStorage (ui/accessToken): the history API sends it too.
function applyToken(token: string): void {
  saveToken(token);
  getDashboard().setToken(token);
}

/** The app shell: header with navigation, connection status and theme; the routed page below. */
export function App() {
  const route = useRoute();
  const connection = useDashboard((s) => s.connection);

  useEffect(() => {
    const dashboard = getDashboard();
    const token = savedToken();
    if (token) dashboard.setToken(token);
    dashboard.start();
    return startAlertNotifications(dashboard.store);
  }, []);

  // Move focus to the new page's heading on navigation, so keyboard and screen reader users land there.
  // A lazily loaded page has no heading yet when this runs: focus moves when its heading appears.
  const routeKey = route.name === "device" ? `device/${route.id}` : route.name;
  const shownRoute = useRef(routeKey);
  const main = useRef<HTMLElement>(null);
  useEffect(() => {
    if (shownRoute.current === routeKey || !main.current) return;
    shownRoute.current = routeKey;
    return focusHeadingWhenShown(main.current);
  }, [routeKey]);

  return (
    <>
      <button
        type="button"
        className="skip-link btn"
        onClick={() => document.getElementById("main")?.focus()}
      >
        Skip to content
      </button>
      <header className="app-header">
        <p className="app-title">
          <a href="#/">Fleet dashboard</a>
        </p>
        <nav className="app-nav" aria-label="Main">
          {NAV.map((item) => (
            <a
              key={item.href}
              href={item.href}
              aria-current={item.names.includes(route.name) ? "page" : undefined}
            >
              {item.label}
            </a>
          ))}
        </nav>
        <div className="app-header-end">
          <ConnectionStatus />
          <ThemeToggle />
        </div>
      </header>
      <main id="main" className="app-main" tabIndex={-1} ref={main}>
        {connection.status === "unauthorized" && (
          <TokenPrompt reason={connection.reason} onSubmit={applyToken} />
        )}
        {connection.status === "incompatible" && (
          <p className="panel error-text" role="alert">
            This server speaks protocol version {connection.serverProtocol}; this dashboard speaks version{" "}
            {PROTOCOL_VERSION}. Update the dashboard or connect it to a compatible server.
          </p>
        )}
        <SourceBanner />
        <LegacyThresholdsBanner />
        <Page route={route} />
      </main>
    </>
  );
}
