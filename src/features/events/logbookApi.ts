/** The dashboard's client of `/api/events` (v1.4), with the access token as the other APIs. */
import { EVENTS_API_PATH } from "../../protocol/constants";
import type { LogEntry } from "../../protocol/messages";
import { savedToken } from "../../ui/accessToken";

export interface LogPageAnswer {
  entries: LogEntry[];
  next: string | null;
}

/** One page; rejects with an Error whose message is meant for people. */
export async function fetchLogPage(search: string, signal?: AbortSignal): Promise<LogPageAnswer> {
  const token = savedToken();
  let response: Response;
  try {
    response = await fetch(`${EVENTS_API_PATH}?${search}`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
      signal,
    });
  } catch (error) {
    if ((error as Error).name === "AbortError") throw error;
    throw new Error("The server cannot be reached. Check the connection and try again.");
  }
  const body = (await response.json().catch(() => undefined)) as
    | (Partial<LogPageAnswer> & { error?: { message?: string } })
    | undefined;
  if (response.status === 401)
    throw new Error("The server needs an access token: enter it above, then retry.");
  if (response.status === 404 && !body?.error)
    throw new Error("This server keeps no logbook (older than v1.4).");
  if (!response.ok)
    throw new Error(`The server refused: ${body?.error?.message ?? `HTTP ${response.status}`}.`);
  if (!Array.isArray(body?.entries)) throw new Error("The server's answer is not a logbook page.");
  return { entries: body.entries, next: typeof body.next === "string" ? body.next : null };
}
