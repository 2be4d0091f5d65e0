import { Suspense, use, useState } from "react";
import { t } from "../i18n/i18n";
import { alertsPageChunk } from "./alertsPageChunk";
import { ChunkErrorBoundary } from "./ChunkErrorBoundary";

type AlertsPageModule = Awaited<ReturnType<typeof alertsPageChunk.load>>;

function LoadedAlertsPage({ chunk, query }: { chunk: Promise<AlertsPageModule>; query: URLSearchParams }) {
  const { AlertsPage } = alertsPageChunk.loaded() ?? use(chunk);
  return <AlertsPage query={query} />;
}

/** The Alerts page, downloaded on first use, with a loading state and a retryable load error. */
export function AlertsPageRoute({ query }: { query: URLSearchParams }) {
  // Held above the Suspense boundary, as in DeviceViewRoute: a failed attempt stays shown until Retry.
  const [chunk, setChunk] = useState(() => alertsPageChunk.load());
  return (
    <ChunkErrorBoundary title={t("page.alertsLoadFailed")} onRetry={() => setChunk(alertsPageChunk.load())}>
      <Suspense
        fallback={
          <section className="empty-state route-loading" aria-busy="true" aria-label={t("nav.alerts")}>
            <p>{t("page.loading", { page: t("nav.alerts").toLowerCase() })}</p>
          </section>
        }
      >
        <LoadedAlertsPage chunk={chunk} query={query} />
      </Suspense>
    </ChunkErrorBoundary>
  );
}
