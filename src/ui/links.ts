/**
 * Links to the dashboard's pages, shared by the features that link or navigate (the fleet cards and
 * filters, the device view's window picker) and by the app shell, which parses them back (see
 * app/route.ts). Hash routes: `#/` (overview), `#/devices/<id>?window=5m` (or `&from=MS&to=MS`),
 * `#/alerts?severity=&kind=&device=&state=`, `#/events`, `#/health`.
 */

/** Time windows a device view can show: the live ones from the ring buffers, then history. */
export const WINDOWS = ["1m", "5m", "15m", "1h", "6h", "24h", "7d", "30d"] as const;
export type TimeWindow = (typeof WINDOWS)[number];
export const WINDOW_MS: Record<TimeWindow, number> = {
  "1m": 60_000,
  "5m": 300_000,
  "15m": 900_000,
  "1h": 3_600_000,
  "6h": 21_600_000,
  "24h": 86_400_000,
  "7d": 604_800_000,
  "30d": 2_592_000_000,
};
/** Windows drawn live from the ring buffers; the longer ones are read from the history API. */
export const LIVE_WINDOWS: readonly TimeWindow[] = ["1m", "5m", "15m"];
export const DEFAULT_WINDOW: TimeWindow = "5m";

/** True for a window drawn from the ring buffers (no history request). */
export function isLiveWindow(window: TimeWindow): boolean {
  return LIVE_WINDOWS.includes(window);
}

/** A fixed span of time (epoch ms, server clock), shown instead of a window ending now. */
export interface TimeRange {
  from: number;
  to: number;
}

/**
 * The hash for a device view: `?window=` alone follows now; with a `range` (a zoom or a custom
 * from/to) the view holds that span, and the window is where "Back to live" returns to.
 */
export function deviceHref(id: string, window?: TimeWindow, range?: TimeRange): string {
  const params = new URLSearchParams();
  if (window) params.set("window", window);
  if (range) {
    params.set("from", String(Math.round(range.from)));
    params.set("to", String(Math.round(range.to)));
  }
  const search = params.toString();
  return `#/devices/${encodeURIComponent(id)}${search ? `?${search}` : ""}`;
}

/** The hash for the overview with the given filter query (empty values are left out). */
export function overviewHref(query: Record<string, string>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value) params.set(key, value);
  const search = params.toString();
  return search ? `#/?${search}` : "#/";
}

/** The hash for the Alerts page with the given filter query (empty values are left out). */
export function alertsHref(query: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value) params.set(key, value);
  const search = params.toString();
  return search ? `#/alerts?${search}` : "#/alerts";
}

/** Navigates to a hash. `replace` swaps the history entry (for typing in a search box). */
export function navigate(hash: string, options: { replace?: boolean } = {}): void {
  if (options.replace) {
    history.replaceState(history.state, "", hash);
    window.dispatchEvent(new HashChangeEvent("hashchange"));
  } else {
    location.hash = hash;
  }
}
