import { useState } from "react";
import { usePermission } from "../access/usePermission";
import type { SaveOutcome } from "./SaveViewForm";
import "./saveView.css";
import { t, withPagesPart } from "../../i18n/i18n";

type SaveViewFormModule = typeof import("./SaveViewForm");

// The form is a chunk of its own, with its words (the catalogue's pages part): the start page
// shows only the button. One shared import; a failed one is forgotten, so the next press asks
// the server again.
let formChunk: Promise<SaveViewFormModule> | undefined;
function loadForm(): Promise<SaveViewFormModule> {
  formChunk ??= withPagesPart(import("./SaveViewForm")).catch((error: unknown) => {
    formChunk = undefined;
    throw error;
  });
  return formChunk;
}

/** "Save view": names the page as it is now (its address) and saves it for the whole team. */
export function SaveViewButton({ suggestedName }: { suggestedName: string }) {
  const denied = usePermission("save_views");
  const [form, setForm] = useState<SaveViewFormModule>();
  const [open, setOpen] = useState(false);
  const [outcome, setOutcome] = useState<SaveOutcome>();
  const toggle = () => {
    if (open || form) return setOpen(!open);
    loadForm().then(
      (loaded) => {
        setForm(loaded);
        setOpen(true);
      },
      () => setOutcome({ ok: false, text: t("page.loadFailedText") }),
    );
  };
  return (
    <div className="save-view">
      <button
        type="button"
        className="btn"
        aria-expanded={open}
        disabled={denied !== undefined}
        title={denied}
        onClick={toggle}
        onPointerEnter={() => void loadForm().catch(() => {})}
        onFocus={() => void loadForm().catch(() => {})}
      >
        {t("views.save")}
      </button>
      {denied && <span className="visually-hidden"> ({denied})</span>}
      {open && form && (
        <form.SaveViewForm
          suggestedName={suggestedName}
          onOutcome={(result) => {
            setOutcome(result);
            if (result.ok) setOpen(false);
          }}
        />
      )}
      {outcome && (
        <p className={outcome.ok ? "muted" : "error-text"} role={outcome.ok ? "status" : "alert"}>
          {outcome.text} {outcome.ok && <a href="#/views">{t("views.all")}</a>}
        </p>
      )}
    </div>
  );
}
