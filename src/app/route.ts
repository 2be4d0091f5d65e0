/**
 * Parsing of the dashboard's hash routes into the page the shell shows. The links themselves (and
 * the device view's time windows) are in ui/links.ts, where the features that draw them find them.
 */
import { DEFAULT_WINDOW, type TimeWindow, WINDOWS } from "../ui/links";

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

/**
 * Maps a path-style deep link (`/devices/<id>?window=1m`, served by the SPA fallback) onto the
 * equivalent hash route, or returns undefined when the path is the app root.
 */
export function hashForPath(pathname: string, search: string): string | undefined {
  if (!pathname.startsWith("/devices/")) return undefined;
  return `#${pathname}${search}`;
}
