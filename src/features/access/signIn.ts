/**
 * The sign-in page's calls: `POST /api/login` with a name and password, or a token checked with
 * `GET /api/me`; every failure in words. No React here (signIn.test.ts drives it).
 */

import { t } from "../../i18n/i18n";
import { readAccessInfo } from "../../store/accessInfo";
import type { AccessInfo } from "../../store/dashboardTypes";
import { bearer, LOGIN_PATH, ME_PATH } from "./meApi";

export type SignInResult =
  /** Let in; `access` undefined from a server too old to say as whom (it checks the socket only). */
  { ok: true; access?: AccessInfo } | { ok: false; error: string };

/** The refusals in words, read when shown (the catalogue of the active language). */
export const unreachableText = () => t("signIn.unreachable");
export const wrongPasswordText = () => t("signIn.wrongPassword");
export const wrongTokenText = () => t("signIn.wrongToken");

/** "Too many attempts, try again in 30 s." from a 429's Retry-After (seconds). */
export function tooManyText(retryAfter: string | null): string {
  const seconds = Math.ceil(Number(retryAfter));
  return Number.isFinite(seconds) && seconds > 0 ? t("signIn.tooManyIn", { seconds }) : t("signIn.tooMany");
}

async function refusal(response: Response, wrong: string): Promise<string> {
  if (response.status === 401) return wrong;
  if (response.status === 429) return tooManyText(response.headers.get("retry-after"));
  const body = (await response.json().catch(() => undefined)) as { error?: { message?: string } } | undefined;
  const detail = body?.error?.message;
  return detail ? t("signIn.refused", { detail }) : t("signIn.refusedStatus", { status: response.status });
}

/** `POST /api/login`; on success the server has set the session cookie. */
export async function signInWithPassword(
  username: string,
  password: string,
  fetchImpl: typeof fetch = fetch,
): Promise<SignInResult> {
  if (!username.trim()) return { ok: false, error: t("signIn.enterUser") };
  if (!password) return { ok: false, error: t("signIn.enterPassword") };
  let response: Response;
  try {
    response = await fetchImpl(LOGIN_PATH, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: username.trim(), password }),
    });
  } catch {
    return { ok: false, error: unreachableText() };
  }
  if (!response.ok) return { ok: false, error: await refusal(response, wrongPasswordText()) };
  const body = await response.json().catch(() => undefined);
  const access = readAccessInfo({ via: "session", ...(body as object) });
  return access ? { ok: true, access } : { ok: true };
}

/** Checks `token` with `GET /api/me`; a server without `/api/me` (404) lets the socket judge it. */
export async function signInWithToken(token: string, fetchImpl: typeof fetch = fetch): Promise<SignInResult> {
  if (!token.trim()) return { ok: false, error: t("signIn.enterToken") };
  let response: Response;
  try {
    response = await fetchImpl(ME_PATH, { headers: bearer(token.trim()), cache: "no-store" });
  } catch {
    return { ok: false, error: unreachableText() };
  }
  if (response.status === 404) return { ok: true };
  if (!response.ok) return { ok: false, error: await refusal(response, wrongTokenText()) };
  const access = readAccessInfo(await response.json().catch(() => undefined));
  return access ? { ok: true, access } : { ok: true };
}
