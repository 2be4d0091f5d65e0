import { useCallback, useEffect, useMemo, useRef } from "react";
import { getDashboard } from "../../store/dashboardInstance";
import { useDashboard } from "../../store/useDashboard";
import { navigate, overviewHref } from "../../ui/links";
import { CompareSelectionBar } from "../compare/CompareSelectionBar";
import { SaveViewButton } from "../views/SaveViewButton";
import { useHomeView } from "../views/useHomeView";
import { FleetToolbar } from "./FleetToolbar";
import { countFleet, type FleetFilter, filterFleet, filterFromQuery, filterToQuery } from "./fleetFilter";
import { SummaryBar } from "./SummaryBar";
import { useFleetRows } from "./useFleetRows";
import { VirtualCardGrid } from "./VirtualCardGrid";
import "./fleet.css";
import { t } from "../../i18n/i18n";

export interface FleetOverviewProps {
  /** The overview's filter, from the route's query. */
  query: URLSearchParams;
  /** Starts downloading the device view (a chunk of its own) before a card's link is followed. */
  prefetchDeviceView(): void;
}

/** The start page: every device as a card, searchable, filterable, sortable, windowed. */
export function FleetOverview({ query, prefetchDeviceView }: FleetOverviewProps) {
  const rows = useFleetRows();
  useHomeView();
  const connection = useDashboard((s) => s.connection.status);
  const filter = filterFromQuery(query);
  // Filtering 2,000 rows takes well under a millisecond; rows only change with statuses or alerts.
  const shown = filterFleet(rows, filter);
  const counts = useMemo(() => countFleet(rows), [rows]);
  const shownIds = useMemo(() => shown.map((row) => row.id), [shown]);

  // Only the cards on screen subscribe; the grid reports them once scrolling settles.
  const unwatch = useRef<() => void>(undefined);
  const watchVisible = useCallback((ids: readonly string[]) => {
    unwatch.current = getDashboard().watch("overview", ids);
  }, []);
  useEffect(() => () => unwatch.current?.(), []);

  const update = (next: FleetFilter) => navigate(overviewHref(filterToQuery(next)), { replace: true });

  return (
    <section aria-labelledby="overview-title">
      <h1 id="overview-title" className="page-title">
        {t("overview.title")}
      </h1>
      <SummaryBar counts={counts} active={filter.status} onPick={(status) => update({ ...filter, status })} />
      <FleetToolbar filter={filter} onChange={update} />
      <CompareSelectionBar />
      <SaveViewButton suggestedName={t("overview.title")} />
      {rows.length === 0 ? (
        <p className="empty-state">
          {connection === "live"
            ? t("overview.noDevices")
            : connection === "unauthorized"
              ? t("overview.enterToken")
              : t("overview.loading")}
        </p>
      ) : shown.length === 0 ? (
        <div className="empty-state">
          <p>{t("overview.noMatch")}</p>
          <button
            type="button"
            className="btn"
            onClick={() => update({ query: "", kind: "", status: "", sort: filter.sort })}
          >
            {t("overview.clearFilters")}
          </button>
        </div>
      ) : (
        <>
          <p className="visually-hidden" aria-live="polite">
            {t("overview.shown", { count: shown.length })}
          </p>
          <VirtualCardGrid ids={shownIds} onVisible={watchVisible} prefetchDeviceView={prefetchDeviceView} />
        </>
      )}
    </section>
  );
}
