import { useState } from "react";
import { hasMessage, t } from "../../i18n/i18n";
import { getDashboard } from "../../store/dashboardInstance";
import { readViewDraft, ViewFormatError } from "./viewFormat";
import { createView, ViewsError } from "./viewsClient";

/** Reads a view file, checks it here first (naming the wrong field), then asks the server to save it. */
export async function importViewFile(text: string): Promise<string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ViewFormatError(
      "bad_request",
      "(file)",
      "not JSON: export a view from this page to see the format",
      "notJson",
    );
  }
  const devices = getDashboard().store.getState().devices;
  // Before the fleet has arrived only the server can tell which devices it has.
  const known = Object.keys(devices).length > 0;
  readViewDraft(parsed, (id) => !known || devices[id] !== undefined, true);
  return (await createView(parsed as object)).name;
}

/** What is wrong with a view file, in the reader's words: `field: problem`. */
export function viewFormatText(error: ViewFormatError): string {
  const id = `views.format.${error.problem}`;
  if (!hasMessage(id)) return error.message;
  return t("views.formatField", { field: error.field, problem: t(id, error.params) });
}

/** "Import a view": a JSON file exported from this page (or written by hand, docs/VIEWS.md). */
export function ViewImport({ denied, onImported }: { denied: string | undefined; onImported(): void }) {
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string }>();
  const read = async (file: File) => {
    try {
      const name = await importViewFile(await file.text());
      setOutcome({ ok: true, text: t("views.imported", { name }) });
      onImported();
    } catch (error) {
      const why =
        error instanceof ViewFormatError
          ? viewFormatText(error)
          : error instanceof ViewsError
            ? error.message
            : String(error);
      setOutcome({ ok: false, text: t("views.notImported", { file: file.name, why }) });
    }
  };
  return (
    <div className="view-import">
      <label className="field-label" htmlFor="view-import-file">
        {t("views.import")}
      </label>
      <input
        id="view-import-file"
        type="file"
        accept="application/json,.json"
        disabled={denied !== undefined}
        title={denied}
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = "";
          if (file) void read(file);
        }}
      />
      {denied && <p className="muted">{denied}</p>}
      {outcome && (
        <p className={outcome.ok ? "muted" : "error-text"} role={outcome.ok ? "status" : "alert"}>
          {outcome.text}
        </p>
      )}
    </div>
  );
}
