/**
 * The access token the user typed (TokenPrompt), kept in sessionStorage: it survives a reload of
 * this tab, not the browser session. The socket sends it as `auth`; HTTP calls (the history API)
 * send it as `Authorization: Bearer`.
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
