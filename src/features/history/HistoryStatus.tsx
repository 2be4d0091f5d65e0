import { t } from "../../i18n/i18n";
/** The line above history charts: loading, what was drawn, or the refusal in words with Try again. */

/** The states the device view's and the Compare page's history loads go through. */
export type HistoryLoadStatus =
  | { status: "off" }
  | { status: "loading" }
  | { status: "ready" }
  | { status: "unsupported"; message: string }
  | { status: "error"; message: string; retry(): void };

/** `readyText` says what is drawn once loaded ("History: buckets of 2 min…"); none: nothing is shown. */
export function HistoryStatus({
  state,
  readyText,
}: {
  state: HistoryLoadStatus;
  readyText?: string | undefined;
}) {
  if (state.status === "off" || (state.status === "ready" && !readyText)) return null;
  if (state.status === "loading" || state.status === "ready")
    return (
      <p
        className={state.status === "ready" ? "history-status muted" : "history-status"}
        role="status"
        aria-live="polite"
      >
        {state.status === "ready" ? readyText : t("history.loading")}
      </p>
    );
  return (
    <div className="history-status history-error" role="alert">
      <p>{state.message}</p>
      {state.status === "error" && (
        <button type="button" className="btn" onClick={state.retry}>
          {t("history.tryAgain")}
        </button>
      )}
    </div>
  );
}
