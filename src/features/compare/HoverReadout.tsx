import { formatClock, formatMoment, formatValue } from "../../charts/format";
import { t } from "../../i18n/i18n";
import type { CompareLine } from "./CompareChart";
import { valueAt } from "./valueAt";

/** Under a Compare chart: every line's value at the time under the pointer, by name and dash. */
export interface HoverReadoutProps {
  at: number | undefined;
  lines: readonly CompareLine[];
  /** How far the nearest point may be from `at`, ms. */
  maxMs: number;
  /** The chart's span: up to an hour the time shows seconds, beyond it the date. */
  spanMs: number;
}

export function HoverReadout({ at, lines, maxMs, spanMs }: HoverReadoutProps) {
  if (at === undefined) return <p className="compare-readout muted">{t("compare.readout")}</p>;
  return (
    <p className="compare-readout">
      <span className="compare-readout-time">{spanMs <= 3_600_000 ? formatClock(at) : formatMoment(at)}</span>
      {lines.map((line) => (
        <span key={line.key} className="compare-readout-item">
          <svg width="20" height="8" aria-hidden="true">
            <line
              x1="0"
              y1="4"
              x2="20"
              y2="4"
              stroke={line.style.color}
              strokeWidth="3"
              strokeDasharray={line.style.dash || undefined}
            />
          </svg>
          {line.name}: {formatValue(valueAt(line.points, at, maxMs)?.v, line.unit)}
        </span>
      ))}
    </p>
  );
}
