/**
 * Links to the dashboard's pages, shared by the features that link or navigate (the fleet cards and
 * filters, the device view's window picker) and by the app shell, which parses them back (see
 * app/route.ts). Hash routes: `#/` (overview), `#/devices/<id>?window=5m`, `#/events`, `#/health`.
 */

/** Time windows a device view can show. */
export const WINDOWS = ["1m", "5m", "15m"] as const;
export type TimeWindow = (typeof WINDOWS)[number];
export const WINDOW_MS: Record<TimeWindow, number> = { "1m": 60_000, "5m": 300_000, "15m": 900_000 };
export const DEFAULT_WINDOW: TimeWindow = "5m";

/** The hash for a device view. */
export function deviceHref(id: string, window?: TimeWindow): string {
  const suffix = window ? `?window=${window}` : "";
  return `#/devices/${encodeURIComponent(id)}${suffix}`;
}

/** The hash for the overview with the given filter query (empty values are left out). */
export function overviewHref(query: Record<string, string>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value) params.set(key, value);
  const search = params.toString();
  return search ? `#/?${search}` : "#/";
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
