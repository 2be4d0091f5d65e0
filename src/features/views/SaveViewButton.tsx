import { useState } from "react";
import { usePermission } from "../access/usePermission";
import { ViewNameField } from "./ViewNameField";
import { kindOfState } from "./viewFormat";
import { createView, ViewsError } from "./viewsClient";
import "./saveView.css";
import { t } from "../../i18n/i18n";

/** "Save view": names the page as it is now (its address) and saves it for the whole team. */
export function SaveViewButton({ suggestedName }: { suggestedName: string }) {
  const denied = usePermission("save_views");
  const [open, setOpen] = useState(false);
  const [name, setName] = useState(suggestedName);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string }>();
  const save = async () => {
    const state = location.hash || "#/";
    const kind = kindOfState(state);
    if (!kind) return setOutcome({ ok: false, text: t("views.cannotSave") });
    try {
      const view = await createView({ name: name.trim(), kind, state });
      setOutcome({ ok: true, text: t("views.saved", { name: view.name }) });
      setOpen(false);
    } catch (error) {
      setOutcome({ ok: false, text: error instanceof ViewsError ? error.message : String(error) });
    }
  };
  return (
    <div className="save-view">
      <button
        type="button"
        className="btn"
        aria-expanded={open}
        disabled={denied !== undefined}
        title={denied}
        onClick={() => setOpen(!open)}
      >
        {t("views.save")}
      </button>
      {denied && <span className="visually-hidden"> ({denied})</span>}
      {open && (
        <form
          className="save-view-form"
          onSubmit={(event) => {
            event.preventDefault();
            void save();
          }}
        >
          <ViewNameField label={t("views.name")} value={name} onChange={setName} />
          <button type="submit" className="btn btn-primary">
            {t("views.saveForTeam")}
          </button>
        </form>
      )}
      {outcome && (
        <p className={outcome.ok ? "muted" : "error-text"} role={outcome.ok ? "status" : "alert"}>
          {outcome.text} {outcome.ok && <a href="#/views">{t("views.all")}</a>}
        </p>
      )}
    </div>
  );
}
