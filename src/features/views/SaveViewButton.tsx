import { useState } from "react";
import { Field } from "../../ui/Field";
import { usePermission } from "../access/usePermission";
import { kindOfState, MAX_NAME } from "./viewFormat";
import { createView, ViewsError } from "./viewsClient";
import "./saveView.css";

/** Why this user may not save views, or undefined: operators and admins save (docs/VIEWS.md). */
export function useSaveDenied(): string | undefined {
  return usePermission("save_views");
}

/** "Save view": names the page as it is now (its address) and saves it for the whole team. */
export function SaveViewButton({ suggestedName }: { suggestedName: string }) {
  const denied = useSaveDenied();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState(suggestedName);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string }>();
  const save = async () => {
    const state = location.hash || "#/";
    const kind = kindOfState(state);
    if (!kind) return setOutcome({ ok: false, text: "This page cannot be saved as a view." });
    try {
      const view = await createView({ name: name.trim(), kind, state });
      setOutcome({ ok: true, text: `Saved “${view.name}”.` });
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
        Save view
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
          <Field label="View name">
            {(id) => (
              <input
                id={id}
                required
                maxLength={MAX_NAME}
                value={name}
                onChange={(e) => setName(e.target.value)}
              />
            )}
          </Field>
          <button type="submit" className="btn btn-primary">
            Save for the team
          </button>
        </form>
      )}
      {outcome && (
        <p className={outcome.ok ? "muted" : "error-text"} role={outcome.ok ? "status" : "alert"}>
          {outcome.text} {outcome.ok && <a href="#/views">All views</a>}
        </p>
      )}
    </div>
  );
}
