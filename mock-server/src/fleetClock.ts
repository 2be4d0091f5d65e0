/**
 * Drives the fleet: one tick every `tick` ms on a fixed grid from the server's start. Each tick
 * produces the due samples, then lets sessions send their frames and hear about status/state
 * changes.
 */
import type { DeviceEvent, Fleet } from "./fleet";
import type { ServerMetrics } from "./metrics";

export interface FleetClockOptions {
  fleet: Fleet;
  tick: number;
  metrics: ServerMetrics;
  now: () => number;
  /** Called after the fleet advanced, with the time of the tick and the changes it caused. */
  onTick: (at: number, events: DeviceEvent[]) => void;
}

/** Starts ticking; `stop()` ends it for good. */
export function startFleetClock(options: FleetClockOptions): { stop(): void } {
  const { fleet, tick, metrics, now, onTick } = options;
  const startedAt = fleet.startedAt;
  let ticks = 0;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const totalSamples = () => fleet.devices.reduce((sum, device) => sum + device.history.lastSeq, 0);

  const run = (): void => {
    const scheduled = startedAt + ++ticks * tick;
    const at = now();
    metrics.tickLag.observe(Math.max(0, at - scheduled) / 1000);
    try {
      const before = totalSamples();
      const events = fleet.tick(at);
      metrics.samples.inc(totalSamples() - before);
      onTick(at, events);
    } finally {
      // Keep the clock running whatever happened, on the grid, skipping ticks already missed so
      // lag never accumulates.
      if (now() > startedAt + (ticks + 1) * tick) ticks = Math.floor((now() - startedAt) / tick);
      if (!stopped) timer = setTimeout(run, Math.max(0, startedAt + (ticks + 1) * tick - now()));
    }
  };
  timer = setTimeout(run, Math.max(0, startedAt + tick - now()));
  return {
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
