import { useEffect, useState } from "react";
import type { SeriesVersions } from "../../ui/useSeriesTick";

/** A live chart's time axis moves at least this often, data or not (an offline device's too). */
export const CLOCK_MS = 1000;

/**
 * Whether a live chart redraws at this poll: when its device's series changed since the last
 * redraw, or when `CLOCK_MS` has passed without one (`polls` since it, each `periodMs` apart).
 */
export function chartRedrawDue(changed: boolean, polls: number, periodMs: number): boolean {
  return changed || polls * periodMs >= CLOCK_MS;
}

/**
 * One redraw signal for a live chart: new samples of the device at most once per `intervalMs`
 * (or per second, if that is longer), and the clock once a second while none arrive; never both
 * in one period (a series tick and a separate one-second clock made each chart render about twice
 * a second). It polls the store's series version instead of subscribing: a store subscriber runs
 * in every animation frame's flush.
 */
export function useChartTick(
  store: SeriesVersions,
  deviceId: string,
  intervalMs: number,
  enabled = true,
): number {
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (!enabled) return;
    const periodMs = Math.max(1, Math.min(intervalMs, CLOCK_MS));
    let seen = store.getState().seriesVersion[deviceId];
    let polls = 0;
    const timer = setInterval(() => {
      const version = store.getState().seriesVersion[deviceId];
      polls++;
      if (!chartRedrawDue(version !== seen, polls, periodMs)) return;
      seen = version;
      polls = 0;
      setTick((n) => n + 1);
    }, periodMs);
    return () => clearInterval(timer);
  }, [store, deviceId, intervalMs, enabled]);
  return tick;
}
