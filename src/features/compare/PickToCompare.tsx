import { togglePicked, usePicked } from "./compareSelection";
import { MAX_SERIES } from "./compareState";
import "./compareSelection.css";
import { t } from "../../i18n/i18n";

/** A fleet card's checkbox: pick the device for a comparison. */
export function PickToCompare({ id, name }: { id: string; name: string }) {
  const picked = usePicked();
  const checked = picked.includes(id);
  const full = !checked && picked.length >= MAX_SERIES;
  return (
    <label className="pick-to-compare" title={full ? t("compare.pickFull", { max: MAX_SERIES }) : undefined}>
      <input type="checkbox" checked={checked} disabled={full} onChange={() => togglePicked(id)} />
      {t("compare.pick")}
      <span className="visually-hidden"> {name}</span>
    </label>
  );
}
