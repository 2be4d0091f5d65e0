import { formatMoment, formatValue } from "../../charts/format";
import type { CompareLine } from "./CompareChart";
import { valueAt } from "./valueAt";

/** Under a Compare chart: every line's value at the time under the pointer, by name and dash. */
export function HoverReadout({
  at,
  lines,
  maxMs,
}: {
  at: number | undefined;
  lines: readonly CompareLine[];
  maxMs: number;
}) {
  if (at === undefined)
    return <p className="compare-readout muted">Point at the chart to read every series at one time.</p>;
  return (
    <p className="compare-readout">
      <span className="compare-readout-time">{formatMoment(at)}</span>
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
