/**
 * A throttled redraw signal for one device's series, shared by the fleet cards, the history
 * view's live edge and the command panel (live charts poll instead: useChartTick). The feature passes the dashboard's store in, so this hook (like
 * everything in src/ui/) knows no store singleton.
 */
import { useEffect, useState } from "react";

/** What the hook reads from the dashboard's store: the per-device series versions. */
export interface SeriesVersions {
  getState(): { seriesVersion: Readonly<Record<string, number>> };
  subscribe(listener: (state: { seriesVersion: Readonly<Record<string, number>> }) => void): () => void;
}

/**
 * A counter that follows a device's series version, at most once per `intervalMs` (and not at
 * all while `enabled` is false). Cards and sparklines use it instead of the per-frame version so
 * a wall of cards redraws a few times a second, not sixty; the history view uses it to fold new
 * samples into its last bucket.
 */
export function useSeriesTick(
  store: SeriesVersions,
  deviceId: string,
  intervalMs: number,
  enabled = true,
): number {
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (!enabled) return;
    let seen = store.getState().seriesVersion[deviceId];
    let timer: ReturnType<typeof setTimeout> | undefined;
    let last = 0;
    const fire = () => {
      timer = undefined;
      last = Date.now();
      setTick((n) => n + 1);
    };
    const unsubscribe = store.subscribe((state) => {
      const version = state.seriesVersion[deviceId];
      if (version === seen) return;
      seen = version;
      if (timer) return;
      timer = setTimeout(fire, Math.max(0, last + intervalMs - Date.now()));
    });
    return () => {
      unsubscribe();
      if (timer) clearTimeout(timer);
    };
  }, [store, deviceId, intervalMs, enabled]);
  return tick;
}
