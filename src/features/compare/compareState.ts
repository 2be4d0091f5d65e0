/**
 * The Compare page's state, all of it in the URL so a link reproduces the comparison:
 * `#/compare?s=DEVICE:METRIC&s=...&window=5m` (and `&from=MS&to=MS` for a fixed range, as the
 * device view). A series is one metric of one device; at most MAX_SERIES, each once.
 */
import { DEFAULT_WINDOW, type TimeRange, type TimeWindow, WINDOWS } from "../../ui/links";

/** As many as Home Assistant's history graph takes; more lines than this cannot be told apart. */
export const MAX_SERIES = 8;

/** One line on the Compare page: a metric of a device. */
export interface SeriesRef {
  device: string;
  metric: string;
}

export interface CompareState {
  series: SeriesRef[];
  window: TimeWindow;
  range?: TimeRange | undefined;
}

/** `device:metric`; the metric is after the last colon, so a device id may hold colons. */
export function seriesKey(ref: SeriesRef): string {
  return `${ref.device}:${ref.metric}`;
}

function parseSeries(text: string): SeriesRef | undefined {
  const cut = text.lastIndexOf(":");
  if (cut <= 0 || cut === text.length - 1) return undefined;
  return { device: text.slice(0, cut), metric: text.slice(cut + 1) };
}

/** The state in a query; malformed or repeated series are left out, and any past the eighth. */
export function parseCompareQuery(query: URLSearchParams): CompareState {
  const seen = new Set<string>();
  const series: SeriesRef[] = [];
  for (const text of query.getAll("s")) {
    const ref = parseSeries(text);
    if (!ref || seen.has(seriesKey(ref)) || series.length >= MAX_SERIES) continue;
    seen.add(seriesKey(ref));
    series.push(ref);
  }
  const window = query.get("window");
  const from = Number(query.get("from") ?? Number.NaN);
  const to = Number(query.get("to") ?? Number.NaN);
  const ranged = Number.isSafeInteger(from) && Number.isSafeInteger(to) && from >= 0 && from < to;
  return {
    series,
    window: (WINDOWS as readonly string[]).includes(window ?? "") ? (window as TimeWindow) : DEFAULT_WINDOW,
    ...(ranged ? { range: { from, to } } : {}),
  };
}

/** The query string of a state (no leading `?`). */
export function compareQuery(state: CompareState): string {
  const params = new URLSearchParams();
  for (const ref of state.series.slice(0, MAX_SERIES)) params.append("s", seriesKey(ref));
  params.set("window", state.window);
  if (state.range) {
    params.set("from", String(Math.round(state.range.from)));
    params.set("to", String(Math.round(state.range.to)));
  }
  return params.toString();
}

/** The hash of the Compare page showing `state`. */
export function compareHref(state: CompareState): string {
  return `#/compare?${compareQuery(state)}`;
}

/** The state with `ref` added (ignored when present already or when MAX_SERIES are shown). */
export function withSeries(state: CompareState, ref: SeriesRef): CompareState {
  const key = seriesKey(ref);
  if (state.series.length >= MAX_SERIES || state.series.some((s) => seriesKey(s) === key)) return state;
  return { ...state, series: [...state.series, ref] };
}

/** The state without `ref`. */
export function withoutSeries(state: CompareState, ref: SeriesRef): CompareState {
  const key = seriesKey(ref);
  return { ...state, series: state.series.filter((s) => seriesKey(s) !== key) };
}
