/**
 * The logbook as a list to read: the first page of `/api/events` for the query, older pages on
 * demand, and the server's live lines on top. While the operator reads further down the list,
 * live lines are held (counted, shown on request) so nothing moves under their eyes.
 */
import { type RefObject, useCallback, useEffect, useRef, useState } from "react";
import type { LogEntry } from "../../protocol/messages";
import { getDashboard } from "../../store/dashboardInstance";
import { useDashboard } from "../../store/useDashboard";
import { fetchLogPage } from "./logbookApi";
import { eventsSearch, type LogQuery, matchesQuery, newLines } from "./logbookQuery";

export interface LogbookView {
  entries: LogEntry[];
  /** Live lines waiting while the operator reads below the top. */
  held: LogEntry[];
  hasOlder: boolean;
  loading: boolean;
  error: string | undefined;
  loadOlder(): void;
  showHeld(): void;
  retry(): void;
}

/** True when the operator has scrolled into the list (its top is above the viewport, or it scrolled). */
function readingBelowTop(list: HTMLElement | null): boolean {
  if (!list) return false;
  return list.scrollTop > 0 || list.getBoundingClientRect().top < 0;
}

export function useLogbook(
  query: LogQuery,
  pageSize: number,
  list: RefObject<HTMLElement | null>,
): LogbookView {
  const [entries, setEntries] = useState<LogEntry[]>([]);
  const [held, setHeld] = useState<LogEntry[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string>();
  const [attempt, setAttempt] = useState(0);
  const ignored = useRef(new Set<string>());
  const live = useDashboard((s) => s.logbook);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` re-runs the load on Retry
  useEffect(() => {
    const abort = new AbortController();
    // Live lines that came before this load are in its answer when they match: not news.
    ignored.current = new Set(
      getDashboard()
        .store.getState()
        .logbook.map((entry) => entry.id),
    );
    setLoading(true);
    setError(undefined);
    setHeld([]);
    fetchLogPage(eventsSearch(query, Date.now(), pageSize), abort.signal).then(
      (page) => {
        setEntries(page.entries);
        setNext(page.next);
        setLoading(false);
      },
      (failure: Error) => {
        if (failure.name === "AbortError") return;
        setEntries([]);
        setError(failure.message);
        setLoading(false);
      },
    );
    return () => abort.abort();
  }, [query, pageSize, attempt]);

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
  }, [live, loading, query, entries, held, list]);

  const loadOlder = useCallback(() => {
    if (!next) return;
    setLoading(true);
    fetchLogPage(eventsSearch(query, Date.now(), pageSize, next)).then(
      (page) => {
        setEntries((before) => [...before, ...newLines(before, [...page.entries].reverse())]);
        setNext(page.next);
        setLoading(false);
      },
      (failure: Error) => {
        setError(failure.message);
        setLoading(false);
      },
    );
  }, [next, query, pageSize]);

  const showHeld = useCallback(() => {
    setEntries((before) => [...held, ...before]);
    setHeld([]);
  }, [held]);

  return {
    entries,
    held,
    hasOlder: next !== null,
    loading,
    error,
    loadOlder,
    showHeld,
    retry: () => setAttempt((n) => n + 1),
  };
}
