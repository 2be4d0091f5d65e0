import { useCallback, useState } from "react";
import { useDashboard } from "../../store/useDashboard";
import { deviceHref } from "../../ui/links";
import { deniedReason } from "../access/permissions";
import { dateTime } from "../events/LogbookList";
import { PagedListMore, PagedListNotice } from "../events/PagedListStatus";
import { downloadCsv } from "../events/pageApi";
import { useCursorPages } from "../events/useCursorPages";
import { AuditFilters } from "./AuditFilters";
import { fetchAuditPage } from "./auditApi";
import {
  ACTION_LABELS,
  type AuditQuery,
  auditCsv,
  auditSearch,
  describeAudit,
  EMPTY_AUDIT_QUERY,
} from "./auditQuery";
import "../events/events.css";
import { t } from "../../i18n/i18n";

const PAGE_SIZE = 100;

/** The Audit page (admins): who did what, newest first, filtered, paged, exported as CSV. */
export function AuditPage() {
  const access = useDashboard((s) => (s.access.status === "granted" ? s.access.access : undefined));
  const denied = deniedReason(access, "read_audit");
  return (
    <>
      <h1 className="page-title">{t("audit.title")}</h1>
      {denied ? <p className="panel">{t("audit.adminsOnly", { reason: denied })}</p> : <AuditLog />}
    </>
  );
}

function AuditLog() {
  const [query, setQuery] = useState<AuditQuery>(EMPTY_AUDIT_QUERY);
  const load = useCallback(
    (before: string | undefined, signal?: AbortSignal) =>
      fetchAuditPage(auditSearch(query, Date.now(), PAGE_SIZE, before), signal),
    [query],
  );
  const view = useCursorPages(load);
  const status = { ...view, count: view.entries.length, empty: t("events.nothing") };
  return (
    <section className="panel event-log" aria-label={t("audit.log")}>
      <AuditFilters query={query} onChange={setQuery} />
      <div className="logbook-actions">
        <button
          type="button"
          className="btn"
          disabled={view.entries.length === 0}
          onClick={() => downloadCsv(auditCsv(view.entries), "fleet-audit")}
        >
          {t("events.exportCsv")}
        </button>
      </div>
      <PagedListNotice {...status} />
      <ol className="event-list logbook-list" aria-label={t("audit.entries")}>
        {view.entries.map((entry, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: audit lines have no id, and this list only grows at its end
          <li key={`${entry.at}-${index}`} className="event-item logbook-item">
            <span className="badge tone-neutral">
              {ACTION_LABELS[entry.action] ? t(ACTION_LABELS[entry.action]) : entry.action}
            </span>
            <time className="muted" dateTime={new Date(entry.at).toISOString()}>
              {dateTime(entry.at)}
            </time>
            <span className="event-message">
              <strong>{entry.user}</strong>{" "}
              {entry.device && (
                <a href={deviceHref(entry.device)} className="logbook-device">
                  {entry.device}
                </a>
              )}{" "}
              {describeAudit(entry)}
            </span>
          </li>
        ))}
      </ol>
      <PagedListMore {...status} />
    </section>
  );
}
