import { formatValue } from "../../charts/format";
import { t } from "../../i18n/i18n";
import type { SeriesRef } from "./compareState";
import type { SeriesStyle } from "./seriesStyle";

/** One row of the legend: a series found in the fleet, or one the URL names but the fleet lacks. */
export interface LegendRow {
  ref: SeriesRef;
  name: string;
  unit: string;
  style: SeriesStyle;
  /** "left axis, chart 1"; undefined for a missing series. */
  where?: string | undefined;
  current?: number | undefined;
  missing?: string | undefined;
}

function Swatch({ style }: { style: SeriesStyle }) {
  return (
    <svg className="compare-swatch" width="36" height="12" aria-hidden="true">
      <line
        x1="1"
        y1="6"
        x2="35"
        y2="6"
        stroke={style.color}
        strokeWidth="3"
        strokeDasharray={style.dash || undefined}
      />
    </svg>
  );
}

/** The compared series: swatch (colour and dash), name, current value, axis, and Remove. */
export function CompareLegend({
  rows,
  onRemove,
}: {
  rows: readonly LegendRow[];
  onRemove(ref: SeriesRef): void;
}) {
  return (
    <div className="compare-legend-box">
      <table className="compare-legend">
        <caption className="visually-hidden">{t("compare.legendCaption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("compare.colSeries")}</th>
            <th scope="col">{t("compare.colCurrent")}</th>
            <th scope="col">{t("compare.colDrawnOn")}</th>
            <th scope="col">
              <span className="visually-hidden">{t("views.colActions")}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr
              key={`${row.ref.device}:${row.ref.metric}`}
              data-series={`${row.ref.device}:${row.ref.metric}`}
            >
              <th scope="row">
                <span className="compare-series-name">
                  <Swatch style={row.style} />
                  {row.name}
                  <span className="visually-hidden"> ({row.style.pattern} line)</span>
                </span>
              </th>
              <td className="compare-current">{row.missing ? "—" : formatValue(row.current, row.unit)}</td>
              <td>{row.missing ? <span className="error-text">{row.missing}</span> : row.where}</td>
              <td>
                <button type="button" className="btn btn-ghost" onClick={() => onRemove(row.ref)}>
                  {t("compare.remove")}
                  <span className="visually-hidden"> {row.name}</span>
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
