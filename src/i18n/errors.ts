/**
 * Server errors in the reader's language. The wire stays English (`{code, message}`); the UI
 * shows the catalogue's sentence for a known `code` and the server's own message for any other.
 */
import { hasMessage, t } from "./i18n";

/** The words for a server error: `errors.<code>` from the catalogue, else the server's message. */
export function errorText(code: string | undefined, serverMessage: string): string {
  const id = code ? `errors.${code}` : "";
  return id && hasMessage(id) ? t(id) : serverMessage;
}
