/** Hash routes of the dashboard: `#/` (overview), `#/devices/<id>?window=5m`, `#/events`, `#/health`. */

/** Time windows a device view can show. */
export const WINDOWS = ["1m", "5m", "15m"] as const;
export type TimeWindow = (typeof WINDOWS)[number];
export const WINDOW_MS: Record<TimeWindow, number> = { "1m": 60_000, "5m": 300_000, "15m": 900_000 };
export const DEFAULT_WINDOW: TimeWindow = "5m";

export type Route =
  | { name: "overview"; query: URLSearchParams }
  | { name: "device"; id: string; window: TimeWindow }
  | { name: "events" }
  | { name: "health" }
  | { name: "notFound"; path: string };

function isWindow(value: string | null): value is TimeWindow {
  return value !== null && (WINDOWS as readonly string[]).includes(value);
}

/** Parses a location hash such as `#/devices/thermo-001?window=15m`. */
export function parseRoute(hash: string): Route {
  const raw = hash.replace(/^#/, "") || "/";
  const [path = "/", search = ""] = raw.split("?", 2);
  const query = new URLSearchParams(search);
  if (path === "/" || path === "") return { name: "overview", query };
  if (path === "/events") return { name: "events" };
  if (path === "/health") return { name: "health" };
  const device = /^\/devices\/([^/]+)\/?$/.exec(path);
  if (device?.[1]) {
    const window = query.get("window");
    let id: string;
    try {
      id = decodeURIComponent(device[1]);
    } catch {
      return { name: "notFound", path };
    }
    return { name: "device", id, window: isWindow(window) ? window : DEFAULT_WINDOW };
  }
  return { name: "notFound", path };
}

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

/**
 * Maps a path-style deep link (`/devices/<id>?window=1m`, served by the SPA fallback) onto the
 * equivalent hash route, or returns undefined when the path is the app root.
 */
export function hashForPath(pathname: string, search: string): string | undefined {
  if (!pathname.startsWith("/devices/")) return undefined;
  return `#${pathname}${search}`;
}
