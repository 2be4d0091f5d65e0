/**
 * One page of a cursor-paged list API (`/api/events`, `/api/audit`): `{entries, next?}`, newest
 * first, the access token as the other APIs. Every failure becomes an Error meant for people.
 */
import { errorText } from "../../i18n/errors";
import { t } from "../../i18n/i18n";
import { reportUnauthorized, savedToken } from "../../ui/accessToken";

export interface Page<T> {
  entries: T[];
  /** The cursor of the next older page, or null at the end. */
  next: string | null;
}

export interface PageRequest {
  /** `/api/events?...` */
  url: string;
  /** What a 404 without an API error means ("This server keeps no logbook (older than v1.4)."). */
  missing: string;
  signal?: AbortSignal | undefined;
}

/** Fetches one page; rejects with an Error whose message is meant for people. */
export async function fetchPage<T>({ url, missing, signal }: PageRequest): Promise<Page<T>> {
  const token = savedToken();
  let response: Response;
  try {
    response = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {}, signal });
  } catch (error) {
    if ((error as Error).name === "AbortError") throw error;
    throw new Error(t("errors.unreachable"));
  }
  const body = (await response.json().catch(() => undefined)) as
    | { entries?: unknown; next?: unknown; error?: { code?: string; message?: string } }
    | undefined;
  if (response.status === 401) {
    reportUnauthorized();
    throw new Error(t("errors.sessionEnded"));
  }
  if (response.status === 404 && !body?.error) throw new Error(missing);
  if (!response.ok)
    throw new Error(
      t("errors.refused", {
        reason: errorText(body?.error?.code, body?.error?.message ?? `HTTP ${response.status}`),
      }),
    );
  if (!Array.isArray(body?.entries)) throw new Error(t("errors.notAPage"));
  return { entries: body.entries as T[], next: typeof body.next === "string" ? body.next : null };
}

/** Saves `csv` as a file named `<prefix>-<now>.csv`. */
export function downloadCsv(csv: string, prefix: string): void {
  const url = URL.createObjectURL(new Blob([csv], { type: "text/csv" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = `${prefix}-${new Date().toISOString().replaceAll(":", "-")}.csv`;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
