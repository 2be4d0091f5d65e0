/**
 * Our dashboard's side of `window.__fleetBench` (see bench/lib/benchHook.ts), built from the
 * core's public observation points only: the socket client's `frame` event, `onDataStored`, and
 * the store's `seriesVersion` bump (made inside the requestAnimationFrame that flushes a device).
 */

import type { Dashboard } from "../../../src/store/createDashboard";
import { createBenchMeter, type FleetBenchHook, valueCount } from "../../lib/benchHook";

/** The parts of a `Dashboard` the probe reads. */
export type ProbedDashboard = Pick<Dashboard, "onDataStored" | "store" | "watch"> & {
  client: Pick<Dashboard["client"], "on">;
};

/** Pending sample times per device are capped at what one hidden spell of a busy device ingests. */
const MAX_PENDING_TIMES = 100_000;

/** Attaches the probe to `dashboard` and returns the hook over it. */
export function attachDashboardProbe(dashboard: ProbedDashboard): FleetBenchHook {
  const meter = createBenchMeter();
  let frameStart = 0;
  // Sample times waiting for the frame that shows them.
  const pendingTimes = new Map<string, number[]>();

  dashboard.client.on("frame", () => {
    frameStart = performance.now();
  });

  dashboard.onDataStored((message, added) => {
    const replay = message.replay === true;
    message.batch.forEach((entry, i) => {
      const samples = entry.t.length;
      if (samples === 0) return;
      const newSamples = added[i] ?? 0;
      meter.received(entry, replay);
      meter.stored(newSamples * (valueCount(entry) / samples));
      // Replayed history is minutes old: it would measure the replay, not the live path.
      if (meter.listening && newSamples > 0 && !replay) {
        const times = pendingTimes.get(entry.device) ?? [];
        if (times.length < MAX_PENDING_TIMES) times.push(...entry.t);
        pendingTimes.set(entry.device, times);
      }
    });
    meter.ingested(performance.now() - frameStart);
  });

  // The frame scheduler bumps a device's seriesVersion in the rAF that draws its new samples.
  dashboard.store.subscribe((state, previous) => {
    if (state.seriesVersion === previous.seriesVersion || pendingTimes.size === 0) return;
    const times: number[] = [];
    for (const [id, pending] of pendingTimes) {
      if (state.seriesVersion[id] === previous.seriesVersion[id]) continue;
      times.push(...pending);
      pendingTimes.delete(id);
    }
    if (times.length > 0 && meter.listening) meter.committed(times);
  });

  return meter.hook((ids) => {
    dashboard.watch("bench", ids === "*" ? dashboard.store.getState().deviceIds : ids);
  });
}
