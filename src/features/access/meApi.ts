/**
 * `GET /api/me`: who the server takes this tab for, or what it accepts to sign in (issue 14).
 * The session cookie goes by itself; a saved token goes as `Authorization: Bearer`.
 */
import { OPEN_ACCESS, readAccessInfo } from "../../store/accessInfo";
import type { AccessInfo } from "../../store/dashboardTypes";

export const ME_PATH = "/api/me";
export const LOGIN_PATH = "/api/login";
export const LOGOUT_PATH = "/api/logout";

export type MeAnswer =
  /** Let in; `access` undefined when the server answered but did not say as whom. */
  | { kind: "granted"; access?: AccessInfo }
  /** 401: sign in first, with a password (users exist) and/or a token. */
  | { kind: "signIn"; password: boolean; token: boolean }
  /** No answer (network, server down): the socket's own retries take over. */
  | { kind: "unreachable" };

/** Bearer header for `token`, or none. */
export function bearer(token: string | undefined): Record<string, string> {
  return token ? { authorization: `Bearer ${token}` } : {};
}

/** Asks `GET /api/me`; never rejects. An older server (404) has no users: it counts as open. */
export async function fetchMe(token: string | undefined, fetchImpl: typeof fetch = fetch): Promise<MeAnswer> {
  let response: Response;
  try {
    response = await fetchImpl(ME_PATH, { headers: bearer(token), cache: "no-store" });
  } catch {
    return { kind: "unreachable" };
  }
  const body = (await response.json().catch(() => undefined)) as Record<string, unknown> | undefined;
  if (response.status === 404) return { kind: "granted", access: OPEN_ACCESS };
  if (response.status === 401) {
    const signIn = (body?.signIn ?? {}) as { password?: unknown; token?: unknown };
    // A 401 without the options still takes a token: `--token` servers refused before issue 14.
    const password = signIn.password === true;
    return { kind: "signIn", password, token: signIn.token === true || !password };
  }
  if (!response.ok) return { kind: "unreachable" };
  return { kind: "granted", access: readAccessInfo(body) };
}
