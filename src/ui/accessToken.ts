/**
 * The access token the user typed (the sign-in page), kept in sessionStorage: it survives a reload
 * of this tab, not the browser session. The socket sends it as `auth`; HTTP calls send it as
 * `Authorization: Bearer` (a signed-in user's session cookie goes by itself). An API call that
 * answers 401 reports it here, and the access flow (features/access) asks the user to sign in.
 */
const TOKEN_KEY = "fleet.token";

/** The saved token, or undefined (none saved, or storage blocked). */
export function savedToken(): string | undefined {
  try {
    return sessionStorage.getItem(TOKEN_KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

/** Saves the token for this tab; when storage is blocked it is still used for this page. */
export function saveToken(token: string): void {
  try {
    sessionStorage.setItem(TOKEN_KEY, token);
  } catch {
    // Still used for this page's connection.
  }
}

/** Forgets the token (sign-out, or a password sign-in that replaces it). */
export function forgetToken(): void {
  try {
    sessionStorage.removeItem(TOKEN_KEY);
  } catch {
    // Nothing was kept.
  }
}

const unauthorizedListeners = new Set<() => void>();

/** An API call was answered 401: the session ended or the token is no longer accepted. */
export function reportUnauthorized(): void {
  for (const listener of unauthorizedListeners) listener();
}

/** Calls `listener` on every `reportUnauthorized`; returns a function that stops. */
export function onUnauthorized(listener: () => void): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}
