import { useRef } from "react";
import { LogbookList } from "./LogbookList";
import { type LogQuery, logCsv } from "./logbookQuery";
import { useLogbook } from "./useLogbook";

interface LogbookPanelProps {
  query: LogQuery;
  pageSize: number;
  /** False in a device's own panel, where every line is that device's. */
  showDevice: boolean;
}

function download(csv: string): void {
  const url = URL.createObjectURL(new Blob([csv], { type: "text/csv" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = `fleet-events-${new Date().toISOString().replaceAll(":", "-")}.csv`;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** The server's logbook for a query: held live lines, the list, "Load older", CSV export. */
export function LogbookPanel({ query, pageSize, showDevice }: LogbookPanelProps) {
  const list = useRef<HTMLDivElement>(null);
  const view = useLogbook(query, pageSize, list);
  return (
    <div className="logbook" ref={list}>
      <div className="logbook-actions">
        {view.held.length > 0 && (
          <button type="button" className="btn" onClick={view.showHeld}>
            Show {view.held.length} new event{view.held.length === 1 ? "" : "s"}
          </button>
        )}
        <button
          type="button"
          className="btn"
          disabled={view.entries.length === 0}
          onClick={() => download(logCsv(view.entries))}
        >
          Export CSV
        </button>
      </div>
      {view.error && (
        <p className="error-text" role="alert">
          {view.error}{" "}
          <button type="button" className="btn" onClick={view.retry}>
            Retry
          </button>
        </p>
      )}
      {view.entries.length === 0 && !view.loading && !view.error && (
        <p className="muted">Nothing recorded for this filter.</p>
      )}
      <LogbookList entries={view.entries} showDevice={showDevice} />
      <p className="logbook-more" aria-live="polite">
        {view.loading ? (
          <span className="muted">Loading…</span>
        ) : view.hasOlder ? (
          <button type="button" className="btn" onClick={view.loadOlder}>
            Load older
          </button>
        ) : (
          view.entries.length > 0 && <span className="muted">That is everything kept.</span>
        )}
      </p>
    </div>
  );
}
