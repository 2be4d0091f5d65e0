import { useDashboard } from "../../store/useDashboard";
import { clearPicked, comparisonHref, usePicked } from "./compareSelection";
import { MAX_SERIES } from "./compareState";
import "./compareSelection.css";

/** Shown on the overview once devices are picked: how many, Compare, and Clear. */
export function CompareSelectionBar() {
  const picked = usePicked();
  const devices = useDashboard((s) => s.devices);
  const infos = picked.flatMap((id) => (devices[id] ? [devices[id].info] : []));
  if (infos.length === 0) return null;
  return (
    <section className="compare-selection panel" aria-label="Devices picked to compare">
      <span>
        {infos.length} device{infos.length === 1 ? "" : "s"} picked
        {infos.length >= MAX_SERIES ? ` (the most a comparison shows)` : ""}:{" "}
        {infos.map((d) => d.name).join(", ")}
      </span>
      <a className="btn btn-primary" href={comparisonHref(infos)} onClick={() => clearPicked()}>
        Compare {infos.length === 1 ? "it" : `these ${infos.length}`}
      </a>
      <button type="button" className="btn" onClick={clearPicked}>
        Clear
      </button>
    </section>
  );
}
