/**
 * The logbook as a list to read: the first page of `/api/events` for the query, older pages on
 * demand (useCursorPages), and the server's live lines on top. While the operator reads further
 * down the list, live lines are held (counted, shown on request) so nothing moves under their eyes.
 */
import { type RefObject, useCallback, useEffect, useRef, useState } from "react";
import type { LogEntry } from "../../protocol/messages";
import { getDashboard } from "../../store/dashboardInstance";
import { useDashboard } from "../../store/useDashboard";
import { fetchLogPage } from "./logbookApi";
import { eventsSearch, type LogQuery, matchesQuery, newLines } from "./logbookQuery";
import { type CursorPages, useCursorPages } from "./useCursorPages";

export interface LogbookView extends Omit<CursorPages<LogEntry>, "setEntries"> {
  /** Live lines waiting while the operator reads below the top. */
  held: LogEntry[];
  showHeld(): void;
}

/** True when the operator has scrolled into the list (its top is above the viewport, or it scrolled). */
function readingBelowTop(list: HTMLElement | null): boolean {
  if (!list) return false;
  return list.scrollTop > 0 || list.getBoundingClientRect().top < 0;
}

// An older page may overlap lines that arrived live meanwhile.
const appendOlder = (shown: LogEntry[], older: LogEntry[]) => [
  ...shown,
  ...newLines(shown, [...older].reverse()),
];

export function useLogbook(
  query: LogQuery,
  pageSize: number,
  list: RefObject<HTMLElement | null>,
): LogbookView {
  const [held, setHeld] = useState<LogEntry[]>([]);
  const ignored = useRef(new Set<string>());
  const live = useDashboard((s) => s.logbook);

  const load = useCallback(
    (before: string | undefined, signal?: AbortSignal) => {
      if (before === undefined) {
        // Live lines that came before this load are in its answer when they match: not news.
        ignored.current = new Set(
          getDashboard()
            .store.getState()
            .logbook.map((entry) => entry.id),
        );
        setHeld([]);
      }
      return fetchLogPage(eventsSearch(query, Date.now(), pageSize, before), signal);
    },
    [query, pageSize],
  );
  const { setEntries, ...pages } = useCursorPages(load, appendOlder);
  const { entries, loading } = pages;

  useEffect(() => {
    if (loading) return;
    const now = Date.now();
    const candidates = live.filter(
      (entry) => !ignored.current.has(entry.id) && matchesQuery(entry, query, now),
    );
    const fresh = newLines([...held, ...entries], candidates);
    if (fresh.length === 0) return;
    if (readingBelowTop(list.current)) setHeld((before) => [...fresh, ...before]);
    else setEntries((before) => [...fresh, ...before]);
  }, [live, loading, query, entries, held, list, setEntries]);

  const showHeld = useCallback(() => {
    setEntries((before) => [...held, ...before]);
    setHeld([]);
  }, [held, setEntries]);

  return { ...pages, held, showHeld };
}
