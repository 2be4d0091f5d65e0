/**
 * The browser Origin check at the WebSocket upgrade. It exists to stop other web pages from
 * using a visitor's browser against the server; scripts send no Origin and are accepted.
 */

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * Decides whether an upgrade from `origin` may proceed. With `allow` (from `--allow-origin`),
 * only those exact origins (or "*") pass; by default an http(s) origin passes when its host
 * equals the request's Host header or it is on localhost / 127.0.0.1 / [::1].
 */
export function originAllowed(
  origin: string | undefined,
  host: string | undefined,
  allow: readonly string[] | undefined,
): boolean {
  if (origin === undefined) return true;
  if (allow?.length) {
    if (allow.includes("*")) return true;
    const normalized = origin.toLowerCase().replace(/\/$/, "");
    return allow.some((entry) => entry.toLowerCase().replace(/\/$/, "") === normalized);
  }
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return false;
  if (host !== undefined && url.host.toLowerCase() === host.toLowerCase()) return true;
  return LOOPBACK_HOSTS.has(url.hostname.toLowerCase());
}
