import { useState } from "react";
import { t } from "../../i18n/i18n";
import { ViewNameField } from "./ViewNameField";
import type { SavedView } from "./viewFormat";
import { updateView, ViewsError } from "./viewsClient";

export interface RenameViewProps {
  view: SavedView;
  /** Why this user may not change the view, or undefined. */
  denied: string | undefined;
  onRenamed(): void;
}

/** "Rename": a name field in place, saved with PUT /api/views/{id}. */
export function RenameView({ view, denied, onRenamed }: RenameViewProps) {
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(view.name);
  const [error, setError] = useState<string>();
  if (!editing)
    return (
      <button
        type="button"
        className="btn btn-ghost"
        disabled={denied !== undefined}
        title={denied}
        onClick={() => setEditing(true)}
      >
        {t("views.rename")}
        <span className="visually-hidden"> {view.name}</span>
      </button>
    );
  return (
    <form
      className="rename-view"
      onSubmit={(event) => {
        event.preventDefault();
        updateView(view.id, { name: name.trim(), kind: view.kind, state: view.state }).then(
          () => {
            setEditing(false);
            onRenamed();
          },
          (e: unknown) => setError(e instanceof ViewsError ? e.message : String(e)),
        );
      }}
    >
      <ViewNameField label={t("views.newName", { name: view.name })} value={name} onChange={setName} />
      <button type="submit" className="btn btn-primary">
        {t("views.saveName")}
      </button>
      <button type="button" className="btn" onClick={() => setEditing(false)}>
        {t("controls.cancel")}
      </button>
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
