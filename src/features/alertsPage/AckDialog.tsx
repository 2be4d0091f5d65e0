import { type FormEvent, useEffect, useRef, useState } from "react";
import { t } from "../../i18n/i18n";
import type { AlertInfo } from "../../protocol/messages";
import { getDashboard } from "../../store/dashboardInstance";
import { Field } from "../../ui/Field";
import { AlertsApiError, acknowledgeAlert } from "../alerts/alertsApi";

interface Props {
  alert: AlertInfo;
  /** What is acknowledged, in words ("Temperature on Greenhouse thermostat"). */
  subject: string;
  onClose(): void;
}

/** A modal dialog asking for a comment, then acknowledging the alert; refusals are shown in words. */
export function AckDialog({ alert, subject, onClose }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [comment, setComment] = useState("");
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => element?.close();
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const acknowledged = await acknowledgeAlert(alert.id, comment.trim());
      // Shown at once; the server's `alerts` message confirms it to every dashboard.
      getDashboard().store.getState().applyAlerts([acknowledged], false);
      onClose();
    } catch (caught) {
      setError(caught instanceof AlertsApiError ? caught.message : t("ack.failed"));
      setBusy(false);
    }
  };

  return (
    <dialog ref={dialog} className="ack-dialog" aria-labelledby="ack-title" onCancel={onClose}>
      <form onSubmit={submit}>
        <h2 id="ack-title">{t("ack.title")}</h2>
        <p>{t("ack.text", { subject })}</p>
        <Field label={t("ack.comment")}>
          {(id) => (
            <textarea
              id={id}
              value={comment}
              maxLength={2000}
              rows={3}
              onChange={(e) => setComment(e.target.value)}
            />
          )}
        </Field>
        {error && (
          <p className="error-text" role="alert">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {t("alertsPage.acknowledge")}
          </button>
          <button type="button" className="btn btn-ghost" onClick={onClose}>
            {t("controls.cancel")}
          </button>
        </div>
      </form>
    </dialog>
  );
}
