import { t } from "../../i18n/i18n";
export interface PagedListStatusProps {
  loading: boolean;
  error: string | undefined;
  hasOlder: boolean;
  count: number;
  /** What an empty list means ("Nothing recorded for this filter."). */
  empty: string;
  retry(): void;
  loadOlder(): void;
}

/** The error (with Retry) and empty state above a paged list. */
export function PagedListNotice({ loading, error, count, empty, retry }: PagedListStatusProps) {
  if (error)
    return (
      <p className="error-text" role="alert">
        {error}{" "}
        <button type="button" className="btn" onClick={retry}>
          {t("action.retry")}
        </button>
      </p>
    );
  return count === 0 && !loading ? <p className="muted">{empty}</p> : null;
}

/** Below a paged list: loading, "Load older", or that everything kept is shown. */
export function PagedListMore({ loading, hasOlder, count, loadOlder }: PagedListStatusProps) {
  return (
    <p className="logbook-more" aria-live="polite">
      {loading ? (
        <span className="muted">{t("events.loading")}</span>
      ) : hasOlder ? (
        <button type="button" className="btn" onClick={loadOlder}>
          {t("events.loadOlder")}
        </button>
      ) : (
        count > 0 && <span className="muted">{t("events.everything")}</span>
      )}
    </p>
  );
}
