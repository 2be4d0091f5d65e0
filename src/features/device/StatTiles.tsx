import { formatValue } from "../../charts/format";
import type { WindowStats } from "./windowStats";

/** Current, min, max and average over the visible window. */
export function StatTiles({ stats, unit, label }: { stats: WindowStats; unit: string; label: string }) {
  const tiles: [string, number | undefined][] = [
    ["Current", stats.current],
    ["Min", stats.min],
    ["Max", stats.max],
    ["Average", stats.mean],
  ];
  return (
    <dl className="stat-tiles" aria-label={`${label} statistics over the window`}>
      {tiles.map(([name, value]) => (
        <div key={name} className="stat-tile">
          <dt>{name}</dt>
          <dd>{formatValue(value, unit)}</dd>
        </div>
      ))}
    </dl>
  );
}
