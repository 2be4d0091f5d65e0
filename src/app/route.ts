/**
 * Parsing of the dashboard's hash routes into the page the shell shows. The links themselves (and
 * the device view's time windows) are in ui/links.ts, where the features that draw them find them.
 */
import { DEFAULT_WINDOW, type TimeRange, type TimeWindow, WINDOWS } from "../ui/links";

export type Route =
  | { name: "overview"; query: URLSearchParams }
  | { name: "device"; id: string; window: TimeWindow; range?: TimeRange }
  | { name: "alerts"; query: URLSearchParams }
  | { name: "events" }
  | { name: "health" }
  | { name: "audit" }
  | { name: "compare"; query: URLSearchParams }
  | { name: "views" }
  | { name: "notFound"; path: string };

function isWindow(value: string | null): value is TimeWindow {
  return value !== null && (WINDOWS as readonly string[]).includes(value);
}

/** A `from`/`to` pair of epoch ms with from < to, or undefined when either is missing or wrong. */
function parseRange(query: URLSearchParams): TimeRange | undefined {
  const from = Number(query.get("from") ?? Number.NaN);
  const to = Number(query.get("to") ?? Number.NaN);
  return Number.isSafeInteger(from) && Number.isSafeInteger(to) && from >= 0 && from < to
    ? { from, to }
    : undefined;
}

/** Parses a location hash such as `#/devices/thermo-001?window=15m` (`&from=MS&to=MS`: a range). */
export function parseRoute(hash: string): Route {
  const raw = hash.replace(/^#/, "") || "/";
  const [path = "/", search = ""] = raw.split("?", 2);
  const query = new URLSearchParams(search);
  if (path === "/" || path === "") return { name: "overview", query };
  if (path === "/alerts") return { name: "alerts", query };
  if (path === "/events") return { name: "events" };
  if (path === "/health") return { name: "health" };
  if (path === "/audit") return { name: "audit" };
  if (path === "/compare") return { name: "compare", query };
  if (path === "/views") return { name: "views" };
  const device = /^\/devices\/([^/]+)\/?$/.exec(path);
  if (device?.[1]) {
    const window = query.get("window");
    let id: string;
    try {
      id = decodeURIComponent(device[1]);
    } catch {
      return { name: "notFound", path };
    }
    const range = parseRange(query);
    return {
      name: "device",
      id,
      window: isWindow(window) ? window : DEFAULT_WINDOW,
      ...(range ? { range } : {}),
    };
  }
  return { name: "notFound", path };
}

/**
 * Maps a path-style deep link (`/devices/<id>?window=1m`, served by the SPA fallback) onto the
 * equivalent hash route, or returns undefined when the path is the app root.
 */
export function hashForPath(pathname: string, search: string): string | undefined {
  if (!pathname.startsWith("/devices/")) return undefined;
  return `#${pathname}${search}`;
}
