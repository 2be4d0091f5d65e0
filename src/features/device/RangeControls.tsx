import { formatMoment } from "../../charts/format";
import { t } from "../../i18n/i18n";
import { deviceHref, navigate, type TimeRange, type TimeWindow } from "../../ui/links";
import { zoomOut } from "../history/zoom";
import { RangeForm } from "./RangeForm";

export interface RangeControlsProps {
  deviceId: string;
  window: TimeWindow;
  /** The fixed range shown, or undefined while the view follows now. */
  range?: TimeRange | undefined;
  /** The span on screen (for the custom form's starting values). */
  from: number;
  to: number;
  now: number;
  /** False when the server keeps no history: only live windows, so no range controls. */
  history: boolean;
  /** Where a window or range links to; the device view by default (the Compare page passes its own). */
  hrefFor?: (window: TimeWindow, range?: TimeRange) => string;
}

/** Back to live, zoom out, and a custom from/to; every choice goes into the URL. */
export function RangeControls(props: RangeControlsProps) {
  const { deviceId, window, range, from, to, now, history } = props;
  if (!history) return null;
  const href = props.hrefFor ?? ((w: TimeWindow, r?: TimeRange) => deviceHref(deviceId, w, r));
  const out = zoomOut(window, range, now);
  return (
    <div className="range-controls">
      {range && (
        <>
          <span className="range-shown">
            {t("range.showing", { from: formatMoment(range.from), to: formatMoment(range.to) })}
          </span>
          <a className="btn btn-primary" href={href(window)}>
            {t("range.backToLive")}
          </a>
        </>
      )}
      {out && (
        <a className="btn" href={href(out.window, out.range)}>
          {t("range.zoomOut")}
        </a>
      )}
      <details className="range-custom">
        <summary>{t("range.custom")}</summary>
        <RangeForm
          key={range ? `${range.from}-${range.to}` : window}
          from={from}
          to={to}
          onApply={(chosen) => navigate(href(window, chosen))}
        />
      </details>
    </div>
  );
}
