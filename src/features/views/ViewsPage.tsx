import { useCallback, useEffect, useState } from "react";
import { useDashboard } from "../../store/useDashboard";
import { usePermission } from "../access/usePermission";
import { ConfirmDialog } from "../commands/ConfirmDialog";
import { ViewImport } from "./ViewImport";
import { ViewRow } from "./ViewRow";
import type { SavedView } from "./viewFormat";
import { deleteView, listViews, markFavourite, markHome, type ViewList, ViewsError } from "./viewsClient";
import "./views.css";
import { t } from "../../i18n/i18n";

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
  const saveDenied = usePermission("save_views");
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
      : t("views.onlyOwner", { owner: view.owner });

  return (
    <section className="views-page" aria-labelledby="views-title">
      <h1 id="views-title" className="page-title">
        {t("views.title")}
      </h1>
      <p className="muted">{t("views.intro")}</p>
      <ViewImport denied={saveDenied} onImported={refresh} />
      {problem && (
        <p className="error-text" role="alert">
          {problem}
        </p>
      )}
      {load.status === "loading" && <p role="status">{t("views.loading")}</p>}
      {load.status === "error" && (
        <p className="error-text" role="alert">
          {load.message}
        </p>
      )}
      {load.status === "ready" &&
        (load.list.views.length === 0 ? (
          <p className="empty-state">{t("views.none")}</p>
        ) : (
          <table className="views-table">
            <caption className="visually-hidden">{t("views.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("views.colName")}</th>
                <th scope="col">{t("views.colPage")}</th>
                <th scope="col">{t("views.colOwner")}</th>
                <th scope="col">{t("views.colSaved")}</th>
                <th scope="col">
                  <span className="visually-hidden">{t("views.colActions")}</span>
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
          title={t("views.deleteTitle")}
          message={t("views.deleteMessage", { name: deleting.name })}
          confirmLabel={t("views.deleteConfirm")}
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
