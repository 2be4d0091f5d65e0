/**
 * The history of every device on the Compare page, for a long window or a range: one request per
 * device through the device view's history client, each answer held in a HistoryModel, which
 * folds live samples in at the edge while the window ends now (as useHistory does for one device).
 */
import { useEffect, useState } from "react";
import { t } from "../../i18n/i18n";
import { getDashboard } from "../../store/dashboardInstance";
import { useDashboard } from "../../store/useDashboard";
import { savedToken } from "../../ui/accessToken";
import type { TimeRange } from "../../ui/links";
import { useNow } from "../../ui/useNow";
import { fetchHistory, HistoryError } from "../history/historyClient";
import { HistoryModel } from "../history/historyModel";
import { useRetryOnReconnect } from "../history/useRetryOnReconnect";

export type CompareHistory =
  | { status: "off" }
  | { status: "unsupported"; message: string }
  | { status: "loading" }
  | { status: "error"; message: string; retry(): void }
  | { status: "ready"; models: ReadonlyMap<string, HistoryModel> };

export interface CompareHistoryQuery {
  /** Metric keys wanted per device id. */
  keys: ReadonlyMap<string, readonly string[]>;
  range?: TimeRange | undefined;
  windowMs: number;
  /** Buckets wanted, about the plot's width (0 while unmeasured). */
  points: number;
  /** False for a live window: nothing is asked. */
  enabled: boolean;
}

/** Loads the devices' history and keeps it moving at the live edge (redrawn every 5 s). */
export function useCompareHistory(query: CompareHistoryQuery): CompareHistory {
  const { range, windowMs, points, enabled } = query;
  const api = useDashboard((s) => s.history?.api);
  const [state, setState] = useState<CompareHistory>({ status: "loading" });
  const [attempt, setAttempt] = useState(0);
  const wanted = [...query.keys].map(([id, keys]) => `${id}\n${keys.join(",")}`).join("\n\n");
  const from = range?.from;
  const to = range?.to;

  // biome-ignore lint/correctness/useExhaustiveDependencies: `wanted` stands for the keys; a new attempt loads again
  useEffect(() => {
    if (!enabled || !api || points <= 0) return;
    const controller = new AbortController();
    const end = to ?? getDashboard().serverNow();
    const start = from ?? end - windowMs;
    setState({ status: "loading" });
    const devices = [...query.keys];
    Promise.all(
      devices.map(([device]) =>
        fetchHistory({
          api,
          device,
          from: start,
          to: end,
          points,
          token: savedToken(),
          signal: controller.signal,
        }),
      ),
    )
      .then((answers) => {
        if (controller.signal.aborted) return;
        const models = new Map<string, HistoryModel>();
        answers.forEach((answer, i) => {
          const [device, keys] = devices[i] as [string, readonly string[]];
          models.set(device, new HistoryModel(answer, keys));
        });
        setState({ status: "ready", models });
      })
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        const message =
          error instanceof HistoryError ? error.message : t("history.failed", { reason: String(error) });
        setState({ status: "error", message, retry: () => setAttempt((n) => n + 1) });
      });
    return () => controller.abort();
  }, [enabled, api, wanted, from, to, windowMs, points, attempt]);

  useRetryOnReconnect(state.status === "error", () => setAttempt((n) => n + 1));

  const live = enabled && range === undefined && state.status === "ready";
  useNow(live ? 5000 : 3_600_000);
  if (!enabled) return { status: "off" };
  if (!api) return { status: "unsupported", message: t("compare.noHistoryApi") };
  if (live) {
    const dashboard = getDashboard();
    for (const [device, model] of state.models) {
      // Idempotent: each sample folds once, however often this runs.
      model.catchUp(dashboard.series.get(device));
      model.trim(dashboard.serverNow() - windowMs);
    }
  }
  return state;
}
