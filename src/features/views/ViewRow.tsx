import { downloadBlob } from "../../charts/exportPng";
import { formatMoment } from "../../charts/format";
import { t } from "../../i18n/i18n";
import { RenameView } from "./RenameView";
import { type SavedView, viewFile } from "./viewFormat";

const KIND_LABEL = {
  overview: "views.kindOverview",
  device: "views.kindDevice",
  compare: "views.kindCompare",
} as const;

export interface ViewRowProps {
  view: SavedView;
  favourite: boolean;
  home: boolean;
  /** Why this user may not change or delete the view, or undefined. */
  deleteDenied: string | undefined;
  act(action: "favourite" | "home" | "delete" | "renamed", view: SavedView): void;
}

function exportView(view: SavedView): void {
  const json = `${JSON.stringify(viewFile(view), null, 2)}\n`;
  const file = `${view.name.replace(/[^\w-]+/g, "-").replace(/^-|-$/g, "") || "view"}.view.json`;
  downloadBlob(new Blob([json], { type: "application/json" }), file);
}

/** One saved view: open it, mark it, make it home, export or delete it. */
export function ViewRow({ view, favourite, home, deleteDenied, act }: ViewRowProps) {
  return (
    <tr data-view={view.id}>
      <th scope="row">
        <a href={view.state}>{view.name}</a>
        {home && <span className="view-home-badge">{t("views.homeBadge")}</span>}
      </th>
      <td>{t(KIND_LABEL[view.kind])}</td>
      <td>{view.owner}</td>
      <td>{formatMoment(view.updatedAt)}</td>
      <td className="view-actions">
        <button
          type="button"
          className="btn btn-ghost"
          aria-pressed={favourite}
          onClick={() => act("favourite", view)}
        >
          <span aria-hidden="true">{favourite ? "★" : "☆"}</span> {t("views.favourite")}
          <span className="visually-hidden"> {view.name}</span>
        </button>
        <button type="button" className="btn btn-ghost" aria-pressed={home} onClick={() => act("home", view)}>
          {t("views.home")}
          <span className="visually-hidden"> {view.name}</span>
        </button>
        <RenameView view={view} denied={deleteDenied} onRenamed={() => act("renamed", view)} />
        <button type="button" className="btn btn-ghost" onClick={() => exportView(view)}>
          {t("views.export")}
          <span className="visually-hidden"> {view.name}</span>
          {t("views.json")}
        </button>
        <button
          type="button"
          className="btn"
          disabled={deleteDenied !== undefined}
          title={deleteDenied}
          onClick={() => act("delete", view)}
        >
          {t("views.delete")}
          <span className="visually-hidden"> {view.name}</span>
          {deleteDenied && <span className="visually-hidden"> ({deleteDenied})</span>}
        </button>
      </td>
    </tr>
  );
}
