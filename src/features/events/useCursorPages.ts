/**
 * A list read from a cursor-paged API, newest first: the first page for a query, older pages on
 * demand, errors in words with a retry. The Events page's logbook and the Audit page use it.
 */
import { type Dispatch, type SetStateAction, useCallback, useEffect, useState } from "react";
import type { Page } from "./pageApi";

export interface CursorPages<T> {
  entries: T[];
  /** For a caller that adds live lines on top. */
  setEntries: Dispatch<SetStateAction<T[]>>;
  hasOlder: boolean;
  loading: boolean;
  error: string | undefined;
  loadOlder(): void;
  retry(): void;
}

/**
 * `load(before, signal)` fetches a page (before: the cursor, undefined for the newest); a new
 * `load` (a new query) starts over. `merge` appends an older page (default: concatenate).
 */
export function useCursorPages<T>(
  load: (before: string | undefined, signal?: AbortSignal) => Promise<Page<T>>,
  merge: (shown: T[], older: T[]) => T[] = (shown, older) => [...shown, ...older],
): CursorPages<T> {
  const [entries, setEntries] = useState<T[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string>();
  const [attempt, setAttempt] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` re-runs the load on Retry
  useEffect(() => {
    const abort = new AbortController();
    setLoading(true);
    setError(undefined);
    load(undefined, abort.signal).then(
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
  }, [load, attempt]);

  const loadOlder = useCallback(() => {
    if (!next) return;
    setLoading(true);
    load(next).then(
      (page) => {
        setEntries((before) => merge(before, page.entries));
        setNext(page.next);
        setLoading(false);
      },
      (failure: Error) => {
        setError(failure.message);
        setLoading(false);
      },
    );
  }, [next, load, merge]);

  return {
    entries,
    setEntries,
    hasOlder: next !== null,
    loading,
    error,
    loadOlder,
    retry: () => setAttempt((n) => n + 1),
  };
}
