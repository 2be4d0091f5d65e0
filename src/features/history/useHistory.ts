/**
 * Loads a device's history for the device view and keeps it moving: while the range ends at now,
 * live samples fold into the newest bucket about once a second. The fetching and folding rules
 * live in historyClient and historyModel; this hook only ties them to React and the store.
 */
import { useEffect, useState } from "react";
import { t } from "../../i18n/i18n";
import { getDashboard } from "../../store/dashboardInstance";
import { useDashboard } from "../../store/useDashboard";
import { savedToken } from "../../ui/accessToken";
import { useSeriesTick } from "../../ui/useSeriesTick";
import { fetchHistory, HistoryError, readHistoryResponse } from "./historyClient";
import { HistoryModel } from "./historyModel";
import { spanKey, takePrefetched } from "./historyPrefetch";
import { useRetryOnReconnect } from "./useRetryOnReconnect";

export type HistoryState =
  | { status: "unsupported"; message: string }
  | { status: "loading" }
  | { status: "error"; message: string; retry(): void }
  | { status: "ready"; model: HistoryModel };

export interface HistoryQuery {
  deviceId: string;
  keys: readonly string[];
  /** A fixed range, or undefined for the last `windowMs` up to now (the live edge moves). */
  range?: { from: number; to: number } | undefined;
  windowMs: number;
  /** Buckets wanted: about the plot's width in pixels (0 while it is not measured yet). */
  points: number;
}

/** The history state; for a range ending now, re-rendered as live samples fold in. */
export function useHistory(query: HistoryQuery): HistoryState {
  const { deviceId, range, windowMs, points } = query;
  const capability = useDashboard((s) => s.history);
  const [state, setState] = useState<HistoryState>({ status: "loading" });
  const [attempt, setAttempt] = useState(0);
  const api = capability?.api;
  const keys = query.keys.join(",");
  const from = range?.from;
  const to = range?.to;

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new attempt (Retry) loads again
  useEffect(() => {
    if (!api || points <= 0) return;
    const controller = new AbortController();
    const end = to ?? getDashboard().serverNow();
    const start = from ?? end - windowMs;
    setState({ status: "loading" });
    const span = spanKey(from === undefined || to === undefined ? undefined : { from, to }, windowMs);
    const prefetched = takePrefetched(deviceId, span, points);
    const answer = prefetched
      ? readHistoryResponse(prefetched)
      : fetchHistory({
          api,
          device: deviceId,
          from: start,
          to: end,
          points,
          token: savedToken(),
          signal: controller.signal,
        });
    answer
      .then((answer) => {
        if (!controller.signal.aborted)
          setState({ status: "ready", model: new HistoryModel(answer, keys.split(",")) });
      })
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        const message =
          error instanceof HistoryError ? error.message : t("history.failed", { reason: String(error) });
        setState({ status: "error", message, retry: () => setAttempt((n) => n + 1) });
      });
    return () => controller.abort();
  }, [api, deviceId, from, to, windowMs, points, keys, attempt]);

  useRetryOnReconnect(state.status === "error", () => setAttempt((n) => n + 1));

  const live = range === undefined && state.status === "ready";
  // About a quarter of a bucket's pixel between redraws, at least a second apart.
  useSeriesTick(getDashboard().store, deviceId, Math.max(1000, windowMs / Math.max(points, 1) / 4), live);
  if (live) {
    const model = state.model;
    // Idempotent: the model's watermark makes each sample fold once, however often this runs.
    model.catchUp(getDashboard().series.get(deviceId));
    model.trim(getDashboard().serverNow() - windowMs);
  }
  if (!capability) return { status: "unsupported", message: t("history.noApi") };
  return state;
}
