import { useEffect, useRef } from "react";
import { AccessHeader } from "../features/access/AccessHeader";
import { getAccessFlow } from "../features/access/accessFlow";
import { deniedReason, type Permission } from "../features/access/permissions";
import { startAlertNotifications } from "../features/alerts/alertNotifications";
import { ConnectionStatus } from "../features/connection/ConnectionStatus";
import { SourceBanner } from "../features/connection/SourceBanner";
import { FleetOverview } from "../features/fleet/FleetOverview";
import { type MessageId, t } from "../i18n/i18n";
import { LanguageSwitch } from "../i18n/LanguageSwitch";
import { PROTOCOL_VERSION } from "../protocol/constants";
import { getDashboard } from "../store/dashboardInstance";
import { useDashboard } from "../store/useDashboard";
import { AlertsPageRoute } from "./AlertsPageRoute";
import { DeviceViewRoute } from "./DeviceViewRoute";
import { prefetchDeviceView } from "./deviceViewChunk";
import { focusHeadingWhenShown } from "./focusHeading";
import { LazyPage } from "./LazyPage";
import { LegacyBannerSlot } from "./LegacyBannerSlot";
import {
  auditPageChunk,
  comparePageChunk,
  eventsPageChunk,
  healthPageChunk,
  viewsPageChunk,
} from "./pageChunks";
import type { Route } from "./route";
import { SignInScreen } from "./SignInScreen";
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
      return (
        <LazyPage
          chunk={eventsPageChunk}
          title={t("nav.events")}
          render={({ EventsPage }) => <EventsPage />}
        />
      );
    case "health":
      return (
        <LazyPage
          chunk={healthPageChunk}
          title={t("nav.health")}
          render={({ HealthPage }) => <HealthPage />}
        />
      );
    case "audit":
      return (
        <LazyPage chunk={auditPageChunk} title={t("nav.audit")} render={({ AuditPage }) => <AuditPage />} />
      );
    case "compare":
      return (
        <LazyPage
          chunk={comparePageChunk}
          title={t("nav.compare")}
          render={({ ComparePage }) => <ComparePage query={route.query} />}
        />
      );
    case "views":
      return (
        <LazyPage chunk={viewsPageChunk} title={t("nav.views")} render={({ ViewsPage }) => <ViewsPage />} />
      );
    case "notFound":
      return (
        <section className="empty-state">
          <h1 className="page-title">{t("page.notFound")}</h1>
          <p>{t("page.notFoundText", { path: route.path })}</p>
          <a href="#/">{t("page.goToOverview")}</a>
        </section>
      );
  }
}

const NAV: { href: string; label: MessageId; names: Route["name"][]; needs?: Permission }[] = [
  { href: "#/", label: "nav.fleet", names: ["overview", "device"] },
  { href: "#/alerts", label: "nav.alerts", names: ["alerts"] },
  { href: "#/compare", label: "nav.compare", names: ["compare"] },
  { href: "#/views", label: "nav.views", names: ["views"] },
  { href: "#/events", label: "nav.events", names: ["events"] },
  { href: "#/health", label: "nav.health", names: ["health"] },
  { href: "#/audit", label: "nav.audit", names: ["audit"], needs: "read_audit" },
];

/** The app shell: header with navigation, connection status and theme; the routed page below. */
export function App() {
  const route = useRoute();
  const connection = useDashboard((s) => s.connection);
  const access = useDashboard((s) => s.access);
  const granted = access.status === "granted" ? access.access : undefined;

  useEffect(() => {
    const flow = getAccessFlow();
    flow.start();
    const stopNotifications = startAlertNotifications(getDashboard().store);
    return () => {
      flow.stop();
      stopNotifications();
    };
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

  if (access.status === "signIn") return <SignInScreen />;
  return (
    <>
      <button
        type="button"
        className="skip-link btn"
        onClick={() => document.getElementById("main")?.focus()}
      >
        {t("app.skipToContent")}
      </button>
      <header className="app-header">
        <p className="app-title">
          <a href="#/">{t("app.title")}</a>
        </p>
        <nav className="app-nav" aria-label={t("nav.label")}>
          {NAV.map((item) => {
            // Shown, never hidden: the page itself says why it is closed.
            const denied = item.needs && deniedReason(granted, item.needs);
            return (
              <a
                key={item.href}
                href={item.href}
                className={denied ? "nav-denied" : undefined}
                title={denied}
                aria-current={item.names.includes(route.name) ? "page" : undefined}
              >
                {t(item.label)}
                {denied && <span className="visually-hidden"> ({denied})</span>}
              </a>
            );
          })}
        </nav>
        <div className="app-header-end">
          <ConnectionStatus />
          <AccessHeader />
          <LanguageSwitch />
          <ThemeToggle />
        </div>
      </header>
      <main id="main" className="app-main" tabIndex={-1} ref={main}>
        {connection.status === "incompatible" && (
          <p className="panel error-text" role="alert">
            {t("app.incompatible", { server: connection.serverProtocol, client: PROTOCOL_VERSION })}
          </p>
        )}
        <SourceBanner />
        <LegacyBannerSlot />
        <Page route={route} />
      </main>
    </>
  );
}
