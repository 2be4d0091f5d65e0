/** The dashboard's client of `/api/events` (v1.4). */
import { t } from "../../i18n/i18n";
import { EVENTS_API_PATH } from "../../protocol/constants";
import type { LogEntry } from "../../protocol/messages";
import { fetchPage, type Page } from "./pageApi";

export type LogPageAnswer = Page<LogEntry>;

/** One page; rejects with an Error whose message is meant for people. */
export function fetchLogPage(search: string, signal?: AbortSignal): Promise<LogPageAnswer> {
  return fetchPage<LogEntry>({
    url: `${EVENTS_API_PATH}?${search}`,
    missing: t("events.noApi"),
    signal,
  });
}
