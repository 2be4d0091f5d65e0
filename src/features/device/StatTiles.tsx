import { formatValue } from "../../charts/format";
import { t } from "../../i18n/i18n";
import type { WindowStats } from "./windowStats";

/** Current, min, max and average over the visible window. */
export function StatTiles({ stats, unit, label }: { stats: WindowStats; unit: string; label: string }) {
  const tiles: [string, number | undefined][] = [
    [t("stats.current"), stats.current],
    [t("stats.min"), stats.min],
    [t("stats.max"), stats.max],
    [t("stats.average"), stats.mean],
  ];
  return (
    <dl className="stat-tiles" aria-label={t("stats.label", { metric: label })}>
      {tiles.map(([name, value]) => (
        <div key={name} className="stat-tile">
          <dt>{name}</dt>
          <dd>{formatValue(value, unit)}</dd>
        </div>
      ))}
    </dl>
  );
}
