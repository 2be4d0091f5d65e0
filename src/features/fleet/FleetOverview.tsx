import { useEffect, useMemo, useState } from "react";
import { overviewHref } from "../../app/route";
import { navigate } from "../../app/useRoute";
import { getDashboard } from "../../store/dashboardInstance";
import { useDashboard } from "../../store/useDashboard";
import { DeviceCard } from "./DeviceCard";
import { FleetToolbar } from "./FleetToolbar";
import { countFleet, type FleetFilter, filterFleet, filterFromQuery, filterToQuery } from "./fleetFilter";
import { PAGE_SIZES, Pager } from "./Pager";
import { SummaryBar } from "./SummaryBar";
import { useFleetRows } from "./useFleetRows";
import "./fleet.css";

const PAGE_SIZE_KEY = "fleet.pageSize";

function initialPageSize(): number {
  try {
    const saved = Number(localStorage.getItem(PAGE_SIZE_KEY));
    if (PAGE_SIZES.includes(saved)) return saved;
  } catch {
    // No storage: fall through to a size that fits the screen.
  }
  return window.innerWidth * window.innerHeight > 3_000_000 ? 96 : 24;
}

/** The start page: every device as a card, searchable, filterable, sortable, paged. */
export function FleetOverview({ query }: { query: URLSearchParams }) {
  const rows = useFleetRows();
  const connection = useDashboard((s) => s.connection.status);
  const filter = filterFromQuery(query);
  const [pageSize, setPageSize] = useState(initialPageSize);
  // Filtering 2,000 rows takes well under a millisecond; rows only change with statuses or alerts.
  const shown = filterFleet(rows, filter);
  const counts = useMemo(() => countFleet(rows), [rows]);
  const pages = Math.max(1, Math.ceil(shown.length / pageSize));
  const page = Math.min(pages, Math.max(1, Number(query.get("page")) || 1));
  const pageRows = shown.slice((page - 1) * pageSize, page * pageSize);
  const pageKey = pageRows.map((row) => row.id).join(",");

  // Only the cards on this page subscribe; changing page or filter swaps the subscription.
  useEffect(() => getDashboard().watch("overview", pageKey ? pageKey.split(",") : []), [pageKey]);

  const update = (next: FleetFilter, nextPage = 1) =>
    navigate(overviewHref(filterToQuery(next, nextPage)), { replace: true });

  const changePageSize = (size: number) => {
    setPageSize(size);
    try {
      localStorage.setItem(PAGE_SIZE_KEY, String(size));
    } catch {
      // Not remembered; still applies now.
    }
    update(filter, 1);
  };

  return (
    <section aria-labelledby="overview-title">
      <h1 id="overview-title" className="page-title">
        Fleet overview
      </h1>
      <SummaryBar counts={counts} active={filter.status} onPick={(status) => update({ ...filter, status })} />
      <FleetToolbar filter={filter} onChange={(next) => update(next)} />
      {rows.length === 0 ? (
        <p className="empty-state">
          {connection === "live" ? "The server reports no devices." : "Loading the fleet from the server…"}
        </p>
      ) : shown.length === 0 ? (
        <div className="empty-state">
          <p>No devices match these filters.</p>
          <button
            type="button"
            className="btn"
            onClick={() => update({ query: "", kind: "", status: "", sort: filter.sort })}
          >
            Clear filters
          </button>
        </div>
      ) : (
        <>
          <p className="visually-hidden" aria-live="polite">
            {shown.length} device{shown.length === 1 ? "" : "s"} shown
          </p>
          <ul className="card-grid" aria-label="Devices">
            {pageRows.map((row) => (
              <li key={row.id}>
                <DeviceCard id={row.id} />
              </li>
            ))}
          </ul>
          {pages > 1 || shown.length > PAGE_SIZES[0]! ? (
            <Pager
              page={page}
              pages={pages}
              total={shown.length}
              pageSize={pageSize}
              onPage={(next) => {
                navigate(overviewHref(filterToQuery(filter, next)));
                window.scrollTo({ top: 0 });
              }}
              onPageSize={changePageSize}
            />
          ) : null}
        </>
      )}
    </section>
  );
}
