/**
 * Our dashboard's side of `window.__fleetBench` (see bench/lib/benchHook.ts), built from the
 * core's public observation points only: the socket client's `frame` event, `onDataStored`, and
 * the store's `seriesVersion` bump (made inside the requestAnimationFrame that flushes a device;
 * `seriesFrame` says one happened).
 */

import type { Dashboard } from "../../../src/store/createDashboard";
import { createBenchMeter, type FleetBenchHook, valueCount } from "../../lib/benchHook";

/** The parts of a `Dashboard` the probe reads. */
export type ProbedDashboard = Pick<Dashboard, "onDataStored" | "store" | "watch"> & {
  client: Pick<Dashboard["client"], "on">;
};

/** Pending sample times per device are capped at what one hidden spell of a busy device ingests. */
const MAX_PENDING_TIMES = 100_000;

/**
 * Attaches the probe to `dashboard` and returns the hook over it. Sample-to-screen latency counts
 * the samples of devices for which `drawn` is true: the uPlot page counts those of the devices it
 * has a chart for (the device view's device), so ours, which may hold the whole fleet in a device
 * view (`watch("*")`), counts the same ones, not 2,000 devices that nothing on screen shows.
 */
export function attachDashboardProbe(
  dashboard: ProbedDashboard,
  drawn: (deviceId: string) => boolean = () => true,
): FleetBenchHook {
  const meter = createBenchMeter();
  let frameStart = 0;
  // Sample times waiting for the frame that shows them, with the device's series version when
  // they arrived (the store bumps it in place, so the probe keeps the number it compares with).
  const pendingTimes = new Map<string, { version: number | undefined; times: number[] }>();

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
      if (meter.listening && newSamples > 0 && !replay && drawn(entry.device)) {
        let pending = pendingTimes.get(entry.device);
        if (!pending) {
          pending = { version: dashboard.store.getState().seriesVersion[entry.device], times: [] };
          pendingTimes.set(entry.device, pending);
        }
        if (pending.times.length < MAX_PENDING_TIMES) pending.times.push(...entry.t);
      }
    });
    meter.ingested(performance.now() - frameStart);
  });

  // The frame scheduler bumps a device's seriesVersion in the rAF that draws its new samples.
  dashboard.store.subscribe((state, previous) => {
    if (state.seriesFrame === previous.seriesFrame || pendingTimes.size === 0) return;
    const times: number[] = [];
    for (const [id, pending] of pendingTimes) {
      if (state.seriesVersion[id] === pending.version) continue;
      times.push(...pending.times);
      pendingTimes.delete(id);
    }
    if (times.length > 0 && meter.listening) meter.committed(times);
  });

  return meter.hook((ids) => {
    dashboard.watch("bench", ids === "*" ? dashboard.store.getState().deviceIds : ids);
  });
}
