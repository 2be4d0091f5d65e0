import { useRef } from "react";
import { t } from "../../i18n/i18n";
import { LogbookList } from "./LogbookList";
import { type LogQuery, logCsv } from "./logbookQuery";
import { PagedListMore, PagedListNotice } from "./PagedListStatus";
import { downloadCsv } from "./pageApi";
import { useLogbook } from "./useLogbook";

interface LogbookPanelProps {
  query: LogQuery;
  pageSize: number;
  /** False in a device's own panel, where every line is that device's. */
  showDevice: boolean;
}

/** The server's logbook for a query: held live lines, the list, "Load older", CSV export. */
export function LogbookPanel({ query, pageSize, showDevice }: LogbookPanelProps) {
  const list = useRef<HTMLDivElement>(null);
  const view = useLogbook(query, pageSize, list);
  const status = { ...view, count: view.entries.length, empty: t("events.nothing") };
  return (
    <div className="logbook" ref={list}>
      <div className="logbook-actions">
        {view.held.length > 0 && (
          <button type="button" className="btn" onClick={view.showHeld}>
            {t("events.showNew", { count: view.held.length })}
          </button>
        )}
        <button
          type="button"
          className="btn"
          disabled={view.entries.length === 0}
          onClick={() => downloadCsv(logCsv(view.entries), "fleet-events")}
        >
          {t("events.exportCsv")}
        </button>
      </div>
      <PagedListNotice {...status} />
      <LogbookList entries={view.entries} showDevice={showDevice} />
      <PagedListMore {...status} />
    </div>
  );
}
