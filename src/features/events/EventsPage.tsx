import { useState } from "react";
import { EventLog } from "./EventLog";
import { LogbookFilters } from "./LogbookFilters";
import { LogbookPanel } from "./LogbookPanel";
import { EMPTY_QUERY } from "./logbookQuery";
import "./events.css";
import { t } from "../../i18n/i18n";

/** The Events page: the fleet's logbook kept by the server, then what this tab saw of its link. */
export function EventsPage() {
  const [query, setQuery] = useState(EMPTY_QUERY);
  return (
    <>
      <h1 className="page-title">{t("events.title")}</h1>
      <section className="panel event-log" aria-labelledby="logbook-title">
        <header className="event-log-head">
          <h2 id="logbook-title">{t("events.log")}</h2>
        </header>
        <LogbookFilters query={query} onChange={setQuery} />
        <LogbookPanel query={query} pageSize={100} showDevice />
      </section>
      <EventLog title={t("events.thisTab")} />
    </>
  );
}
