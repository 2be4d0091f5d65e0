import { useState } from "react";
import { t } from "../../i18n/i18n";
import { ViewNameField } from "./ViewNameField";
import { kindOfState } from "./viewFormat";
import { createView, ViewsError } from "./viewsClient";

export interface SaveOutcome {
  ok: boolean;
  text: string;
}

/**
 * The Save view form: a name, then the page as it is now (its address) saved for the whole team.
 * A chunk of its own, downloaded when Save view is first opened (SaveViewButton).
 */
export function SaveViewForm({
  suggestedName,
  onOutcome,
}: {
  suggestedName: string;
  onOutcome(outcome: SaveOutcome): void;
}) {
  const [name, setName] = useState(suggestedName);
  const save = async () => {
    const state = location.hash || "#/";
    const kind = kindOfState(state);
    if (!kind) return onOutcome({ ok: false, text: t("views.cannotSave") });
    try {
      const view = await createView({ name: name.trim(), kind, state });
      onOutcome({ ok: true, text: t("views.saved", { name: view.name }) });
    } catch (error) {
      onOutcome({ ok: false, text: error instanceof ViewsError ? error.message : String(error) });
    }
  };
  return (
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
  );
}
