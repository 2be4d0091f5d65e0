import { downloadBlob } from "../../charts/exportPng";
import { formatMoment } from "../../charts/format";
import { RenameView } from "./RenameView";
import { type SavedView, viewFile } from "./viewFormat";

const KIND_LABEL = { overview: "Fleet overview", device: "Device view", compare: "Comparison" } as const;

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
        {home && <span className="view-home-badge"> (home page)</span>}
      </th>
      <td>{KIND_LABEL[view.kind]}</td>
      <td>{view.owner}</td>
      <td>{formatMoment(view.updatedAt)}</td>
      <td className="view-actions">
        <button
          type="button"
          className="btn btn-ghost"
          aria-pressed={favourite}
          onClick={() => act("favourite", view)}
        >
          <span aria-hidden="true">{favourite ? "★" : "☆"}</span> Favourite
          <span className="visually-hidden"> {view.name}</span>
        </button>
        <button type="button" className="btn btn-ghost" aria-pressed={home} onClick={() => act("home", view)}>
          Home page<span className="visually-hidden"> {view.name}</span>
        </button>
        <RenameView view={view} denied={deleteDenied} onRenamed={() => act("renamed", view)} />
        <button type="button" className="btn btn-ghost" onClick={() => exportView(view)}>
          Export<span className="visually-hidden"> {view.name}</span> JSON
        </button>
        <button
          type="button"
          className="btn"
          disabled={deleteDenied !== undefined}
          title={deleteDenied}
          onClick={() => act("delete", view)}
        >
          Delete<span className="visually-hidden"> {view.name}</span>
          {deleteDenied && <span className="visually-hidden"> ({deleteDenied})</span>}
        </button>
      </td>
    </tr>
  );
}
