/** The URL's series matched against the fleet the server announced. */

import { metricLabel } from "../../i18n/deviceText";
import { t } from "../../i18n/i18n";
import type { DeviceInfo, MetricInfo } from "../../protocol/messages";
import type { SeriesRef } from "./compareState";
import { type SeriesStyle, seriesStyle } from "./seriesStyle";

export interface ResolvedSeries {
  ref: SeriesRef;
  style: SeriesStyle;
  /** Both set when the fleet has the device and it has the metric. */
  info?: DeviceInfo | undefined;
  metric?: MetricInfo | undefined;
}

/** Each series with its style (by position) and, when found, its device and metric. */
export function resolveSeries(
  refs: readonly SeriesRef[],
  device: (id: string) => DeviceInfo | undefined,
): ResolvedSeries[] {
  return refs.map((ref, i) => {
    const info = device(ref.device);
    const metric = info?.metrics.find((m) => m.key === ref.metric);
    return { ref, style: seriesStyle(i), ...(info && metric ? { info, metric } : {}) };
  });
}

/** Why a series is not drawn, in words, or undefined when it is. */
export function missingReason(series: ResolvedSeries): string | undefined {
  if (series.metric) return undefined;
  if (!series.info) return t("compare.noDevice", { device: series.ref.device });
  return t("compare.noMetric", { device: series.info.name, metric: series.ref.metric });
}

/** "Thermostat 1 · Temperature", or the raw reference for a missing series. */
export function seriesName(series: ResolvedSeries): string {
  return series.info && series.metric
    ? `${series.info.name} · ${metricLabel(series.metric)}`
    : `${series.ref.device} · ${series.ref.metric}`;
}
