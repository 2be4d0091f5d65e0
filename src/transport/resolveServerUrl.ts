/**
 * Which server the dashboard connects to. By default `/ws` on the page's own host (`wss:` on an
 * https page). A build-time `VITE_FLEET_SERVER` points a separately hosted dashboard at its
 * server. A `?server=` URL parameter may pick another server only on the page's own host or in
 * the build-time allow-list `VITE_FLEET_SERVER_ALLOW` (comma-separated hosts, `host:port`s or
 * origins): a shared link must never point the dashboard, and its token, at a stranger's server.
 */
import { WS_PATH } from "../protocol/constants";

export interface ServerUrlInput {
  /** The page's location (default: globalThis.location). */
  location: Pick<Location, "protocol" | "host" | "hostname" | "search">;
  /** Build-time server (VITE_FLEET_SERVER). */
  buildTimeServer?: string;
  /** Build-time allow-list for `?server=` (VITE_FLEET_SERVER_ALLOW entries). */
  allowList?: readonly string[];
}

export interface ResolvedServerUrl {
  url: string;
  /** page: same host; build: VITE_FLEET_SERVER; param: `?server=`; option: given in code. */
  source: "page" | "build" | "param" | "option";
  /** Set when a `?server=` value was refused, saying why (show it to the user). */
  rejected?: string;
}

/** Turns `host:port`, `http(s)://...` or `ws(s)://...` into a WebSocket URL ending in `/ws` by default. */
export function toWebSocketUrl(value: string, pageProtocol: string): URL | undefined {
  const secure = pageProtocol === "https:";
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `${secure ? "wss" : "ws"}://${value}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return undefined;
  }
  if (url.protocol === "http:") url.protocol = "ws:";
  else if (url.protocol === "https:") url.protocol = "wss:";
  if (url.protocol !== "ws:" && url.protocol !== "wss:") return undefined;
  if (url.pathname === "/" || url.pathname === "") url.pathname = WS_PATH;
  url.hash = "";
  return url;
}

function allowed(url: URL, pageHostname: string, allowList: readonly string[]): boolean {
  if (url.hostname === pageHostname) return true;
  return allowList.some((entry) => {
    const item = entry.trim().toLowerCase();
    if (!item) return false;
    if (item.includes("://")) {
      const parsed = toWebSocketUrl(item, "http:");
      return parsed !== undefined && parsed.host === url.host && parsed.protocol === url.protocol;
    }
    return item.includes(":") ? item === url.host : item === url.hostname;
  });
}

/** Resolves the server URL from the page location, build-time settings and `?server=`. */
export function resolveServerUrl(input: ServerUrlInput): ResolvedServerUrl {
  const { location } = input;
  const build = input.buildTimeServer?.trim()
    ? toWebSocketUrl(input.buildTimeServer.trim(), location.protocol)
    : undefined;
  const scheme = location.protocol === "https:" ? "wss:" : "ws:";
  const base: ResolvedServerUrl = build
    ? { url: build.toString(), source: "build" }
    : { url: `${scheme}//${location.host}${WS_PATH}`, source: "page" };
  const param = new URLSearchParams(location.search).get("server");
  if (param === null || param.trim() === "") return base;
  const candidate = toWebSocketUrl(param.trim(), location.protocol);
  if (!candidate) return { ...base, rejected: `?server=${param} is not a valid server address` };
  if (!allowed(candidate, location.hostname, input.allowList ?? [])) {
    return { ...base, rejected: `?server=${candidate.host} is not this page's host nor in the allow-list` };
  }
  return { url: candidate.toString(), source: "param" };
}

/** Resolves against the browser's location and the Vite build-time settings. */
export function resolveBrowserServerUrl(): ResolvedServerUrl {
  const env = (import.meta as { env?: Record<string, string | undefined> }).env ?? {};
  return resolveServerUrl({
    location: globalThis.location,
    ...(env.VITE_FLEET_SERVER ? { buildTimeServer: env.VITE_FLEET_SERVER } : {}),
    allowList: (env.VITE_FLEET_SERVER_ALLOW ?? "").split(",").filter((s) => s.trim() !== ""),
  });
}
