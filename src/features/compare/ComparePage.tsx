import { useEffect } from "react";
import { formatValue } from "../../charts/format";
import { getDashboard } from "../../store/dashboardInstance";
import { useDashboard } from "../../store/useDashboard";
import { isLiveWindow, navigate, type TimeRange, type TimeWindow, WINDOW_MS } from "../../ui/links";
import { useNow } from "../../ui/useNow";
import { RangeControls } from "../device/RangeControls";
import { WindowPicker } from "../device/WindowPicker";
import { SaveViewButton } from "../views/SaveViewButton";
import { planCharts } from "./axes";
import { CompareCharts } from "./CompareCharts";
import { CompareLegend, type LegendRow } from "./CompareLegend";
import { compareHref, parseCompareQuery, withoutSeries, withSeries } from "./compareState";
import { missingReason, resolveSeries, seriesName } from "./resolveSeries";
import { SeriesPicker } from "./SeriesPicker";
import "../device/device.css";
import "./compare.css";
import { t } from "../../i18n/i18n";

/** Where each drawn series is, in words: "left axis (°C)", "chart 2, right axis (W)". */
function placements(units: string[]): string[] {
  const where: string[] = [];
  planCharts(units).forEach((plan, c) => {
    for (const { index, axis } of plan.series)
      where[index] = t("compare.where", { chart: c + 1, axis, unit: units[index] ?? "" });
  });
  return where;
}

/**
 * Several devices' metrics on one chart (a chart per two units), live or over any window the
 * device view offers, with a legend of current values. Everything is in the URL.
 */
export function ComparePage({ query }: { query: URLSearchParams }) {
  const state = parseCompareQuery(query);
  const devices = useDashboard((s) => s.devices);
  const history = useDashboard((s) => s.history !== undefined);
  useNow(1000);
  useEffect(() => {
    document.title = `${t("compare.docTitle")} · ${t("app.title")}`;
    return () => {
      document.title = t("app.title");
    };
  }, []);

  const all = resolveSeries(state.series, (id) => devices[id]?.info);
  const drawn = all.filter((s) => s.metric);
  const where = placements(drawn.map((s) => s.metric?.unit ?? ""));
  const dashboard = getDashboard();
  const rows: LegendRow[] = all.map((s) => ({
    ref: s.ref,
    name: seriesName(s),
    unit: s.metric?.unit ?? "",
    style: s.style,
    missing: missingReason(s),
    where: where[drawn.indexOf(s)],
    current: dashboard.series.get(s.ref.device)?.latest(s.ref.metric),
  }));
  const hrefFor = (window: TimeWindow, range?: TimeRange) => compareHref({ ...state, window, range });
  const live = !state.range && isLiveWindow(state.window);
  const now = dashboard.serverNow();
  const known = Object.values(devices).map((d) => d.info);

  return (
    <article className="compare-page" aria-labelledby="compare-title">
      <h1 id="compare-title" className="page-title">
        {t("compare.docTitle")}
      </h1>
      <SeriesPicker
        devices={known}
        chosen={state.series}
        onAdd={(ref) => navigate(compareHref(withSeries(state, ref)))}
      />
      <div className="device-toolbar">
        <WindowPicker
          deviceId=""
          current={state.window}
          history={history}
          ranged={!!state.range}
          hrefFor={hrefFor}
        />
        <RangeControls
          deviceId=""
          window={state.window}
          range={state.range}
          from={state.range?.from ?? now - WINDOW_MS[state.window]}
          to={state.range?.to ?? now}
          now={now}
          history={history}
          hrefFor={hrefFor}
        />
        <SaveViewButton
          suggestedName={
            all
              .map((s) => seriesName(s))
              .join(" vs ")
              .slice(0, 100) || t("compare.defaultName")
          }
        />
      </div>
      {all.length === 0 ? (
        <p className="empty-state">
          {t("compare.nothing")} <a href="#/">{t("compare.overviewLink")}</a>.
        </p>
      ) : (
        <>
          <CompareLegend rows={rows} onRemove={(ref) => navigate(compareHref(withoutSeries(state, ref)))} />
          <p className="muted compare-values-note">
            {t("compare.valuesNote", {
              none: rows.some((r) => r.current === undefined)
                ? t("compare.noneYet", { dash: formatValue(undefined) })
                : "",
            })}
          </p>
          {drawn.length > 0 && <CompareCharts state={state} series={drawn} live={live} zoomable={history} />}
        </>
      )}
    </article>
  );
}
