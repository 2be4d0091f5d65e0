import { togglePicked, usePicked } from "./compareSelection";
import { MAX_SERIES } from "./compareState";
import "./compareSelection.css";

/** A fleet card's checkbox: pick the device for a comparison. */
export function PickToCompare({ id, name }: { id: string; name: string }) {
  const picked = usePicked();
  const checked = picked.includes(id);
  const full = !checked && picked.length >= MAX_SERIES;
  return (
    <label
      className="pick-to-compare"
      title={full ? `At most ${MAX_SERIES} devices can be compared` : undefined}
    >
      <input type="checkbox" checked={checked} disabled={full} onChange={() => togglePicked(id)} />
      Compare<span className="visually-hidden"> {name}</span>
    </label>
  );
}
