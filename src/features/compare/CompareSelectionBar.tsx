import { useDashboard } from "../../store/useDashboard";
import { clearPicked, comparisonHref, usePicked } from "./compareSelection";
import { MAX_SERIES } from "./compareState";
import "./compareSelection.css";
import { t } from "../../i18n/i18n";

/** Shown on the overview once devices are picked: how many, Compare, and Clear. */
export function CompareSelectionBar() {
  const picked = usePicked();
  const devices = useDashboard((s) => s.devices);
  const infos = picked.flatMap((id) => (devices[id] ? [devices[id].info] : []));
  if (infos.length === 0) return null;
  return (
    <section className="compare-selection panel" aria-label={t("compare.pickedLabel")}>
      <span>
        {t("compare.picked", { count: infos.length })}
        {infos.length >= MAX_SERIES ? t("compare.pickedMost") : ""}: {infos.map((d) => d.name).join(", ")}
      </span>
      <a className="btn btn-primary" href={comparisonHref(infos)} onClick={() => clearPicked()}>
        {t("compare.compareThese", { count: infos.length })}
      </a>
      <button type="button" className="btn" onClick={clearPicked}>
        {t("compare.clear")}
      </button>
    </section>
  );
}
