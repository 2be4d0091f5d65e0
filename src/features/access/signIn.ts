/**
 * The sign-in page's calls: `POST /api/login` with a name and password, or a token checked with
 * `GET /api/me`; every failure in words. No React here (signIn.test.ts drives it).
 */
import { readAccessInfo } from "../../store/accessInfo";
import type { AccessInfo } from "../../store/dashboardTypes";
import { bearer, LOGIN_PATH, ME_PATH } from "./meApi";

export type SignInResult =
  /** Let in; `access` undefined from a server too old to say as whom (it checks the socket only). */
  { ok: true; access?: AccessInfo } | { ok: false; error: string };

export const UNREACHABLE = "The server cannot be reached. Check the connection and try again.";
export const WRONG_PASSWORD = "Wrong user name or password.";
export const WRONG_TOKEN = "The server does not accept this token.";

/** "Too many attempts, try again in 30 s." from a 429's Retry-After (seconds). */
export function tooManyText(retryAfter: string | null): string {
  const seconds = Math.ceil(Number(retryAfter));
  return Number.isFinite(seconds) && seconds > 0
    ? `Too many attempts, try again in ${seconds} s.`
    : "Too many attempts, try again in a while.";
}

async function refusal(response: Response, wrong: string): Promise<string> {
  if (response.status === 401) return wrong;
  if (response.status === 429) return tooManyText(response.headers.get("retry-after"));
  const body = (await response.json().catch(() => undefined)) as { error?: { message?: string } } | undefined;
  const detail = body?.error?.message;
  return detail
    ? `The server refused: ${detail}.`
    : `The server refused the sign-in (HTTP ${response.status}).`;
}

/** `POST /api/login`; on success the server has set the session cookie. */
export async function signInWithPassword(
  username: string,
  password: string,
  fetchImpl: typeof fetch = fetch,
): Promise<SignInResult> {
  if (!username.trim()) return { ok: false, error: "Enter your user name." };
  if (!password) return { ok: false, error: "Enter your password." };
  let response: Response;
  try {
    response = await fetchImpl(LOGIN_PATH, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: username.trim(), password }),
    });
  } catch {
    return { ok: false, error: UNREACHABLE };
  }
  if (!response.ok) return { ok: false, error: await refusal(response, WRONG_PASSWORD) };
  const body = await response.json().catch(() => undefined);
  const access = readAccessInfo({ via: "session", ...(body as object) });
  return access ? { ok: true, access } : { ok: true };
}

/** Checks `token` with `GET /api/me`; a server without `/api/me` (404) lets the socket judge it. */
export async function signInWithToken(token: string, fetchImpl: typeof fetch = fetch): Promise<SignInResult> {
  if (!token.trim()) return { ok: false, error: "Enter the access token." };
  let response: Response;
  try {
    response = await fetchImpl(ME_PATH, { headers: bearer(token.trim()), cache: "no-store" });
  } catch {
    return { ok: false, error: UNREACHABLE };
  }
  if (response.status === 404) return { ok: true };
  if (!response.ok) return { ok: false, error: await refusal(response, WRONG_TOKEN) };
  const access = readAccessInfo(await response.json().catch(() => undefined));
  return access ? { ok: true, access } : { ok: true };
}
