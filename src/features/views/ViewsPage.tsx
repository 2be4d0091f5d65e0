import { useCallback, useEffect, useState } from "react";
import { useDashboard } from "../../store/useDashboard";
import { ConfirmDialog } from "../commands/ConfirmDialog";
import { useSaveDenied } from "./SaveViewButton";
import { ViewImport } from "./ViewImport";
import { ViewRow } from "./ViewRow";
import type { SavedView } from "./viewFormat";
import { deleteView, listViews, markFavourite, markHome, type ViewList, ViewsError } from "./viewsClient";
import "./views.css";

type Load =
  | { status: "loading" }
  | { status: "error"; message: string }
  | { status: "ready"; list: ViewList };

/** Favourites first, then by name. */
function ordered({ views, favourites }: ViewList): SavedView[] {
  const starred = new Set(favourites);
  return [...views].sort(
    (a, b) => Number(starred.has(b.id)) - Number(starred.has(a.id)) || a.name.localeCompare(b.name),
  );
}

/** The team's saved views: open, favourite, home page, export, delete; and import. */
export function ViewsPage() {
  const [load, setLoad] = useState<Load>({ status: "loading" });
  const [problem, setProblem] = useState<string>();
  const [deleting, setDeleting] = useState<SavedView>();
  const me = useDashboard((s) => (s.access.status === "granted" ? s.access.access : undefined));
  const saveDenied = useSaveDenied();
  const refresh = useCallback(() => {
    listViews().then(
      (list) => setLoad({ status: "ready", list }),
      (error: unknown) =>
        setLoad({ status: "error", message: error instanceof ViewsError ? error.message : String(error) }),
    );
  }, []);
  useEffect(refresh, [refresh]);

  const act = (action: "favourite" | "home" | "delete" | "renamed", view: SavedView) => {
    if (load.status !== "ready") return;
    if (action === "renamed") return refresh();
    if (action === "delete") return setDeleting(view);
    const on = action === "favourite" ? !load.list.favourites.includes(view.id) : load.list.home !== view.id;
    (action === "favourite" ? markFavourite(view.id, on) : markHome(view.id, on)).then(
      refresh,
      (error: unknown) => setProblem(error instanceof ViewsError ? error.message : String(error)),
    );
  };
  const deleteDenied = (view: SavedView) =>
    !me || me.role === "admin" || me.user === view.owner
      ? undefined
      : `Only its owner (${view.owner}) or an admin may change or delete it.`;

  return (
    <section className="views-page" aria-labelledby="views-title">
      <h1 id="views-title" className="page-title">
        Saved views
      </h1>
      <p className="muted">
        Views are saved for the whole team from the fleet overview, a device view or a comparison (“Save
        view”). Mark your favourites, and choose one as your home page: the dashboard opens it at start.
      </p>
      <ViewImport denied={saveDenied} onImported={refresh} />
      {problem && (
        <p className="error-text" role="alert">
          {problem}
        </p>
      )}
      {load.status === "loading" && <p role="status">Loading views…</p>}
      {load.status === "error" && (
        <p className="error-text" role="alert">
          {load.message}
        </p>
      )}
      {load.status === "ready" &&
        (load.list.views.length === 0 ? (
          <p className="empty-state">No saved views yet.</p>
        ) : (
          <table className="views-table">
            <caption className="visually-hidden">Saved views, favourites first</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Page</th>
                <th scope="col">Owner</th>
                <th scope="col">Saved</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {ordered(load.list).map((view) => (
                <ViewRow
                  key={view.id}
                  view={view}
                  favourite={load.list.favourites.includes(view.id)}
                  home={load.list.home === view.id}
                  deleteDenied={deleteDenied(view)}
                  act={act}
                />
              ))}
            </tbody>
          </table>
        ))}
      {deleting && (
        <ConfirmDialog
          title="Delete this view?"
          message={`“${deleting.name}” is removed for the whole team.`}
          confirmLabel="Delete view"
          onCancel={() => setDeleting(undefined)}
          onConfirm={() => {
            setDeleting(undefined);
            deleteView(deleting.id).then(refresh, (error: unknown) =>
              setProblem(error instanceof ViewsError ? error.message : String(error)),
            );
          }}
        />
      )}
    </section>
  );
}
