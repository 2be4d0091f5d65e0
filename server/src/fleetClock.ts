/**
 * The fleet clock: one tick every `tick` ms on a fixed grid from `startedAt`. A tick that runs
 * late reports its lag, and ticks already missed are skipped so lag never accumulates. The
 * gateway ticks its fleet with it; the simulator behind a broker runs its own.
 */

/** When and what to tick. */
export interface FleetClockOptions {
  tick: number;
  startedAt: number;
  now: () => number;
  /** Called on each tick with its time and how late it ran, ms. */
  onTick: (at: number, lagMs: number) => void;
}

/** Starts ticking; `stop()` ends it for good. */
export function startFleetClock(options: FleetClockOptions): { stop(): void } {
  const { tick, startedAt, now, onTick } = options;
  let ticks = 0;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;

  const run = (): void => {
    const scheduled = startedAt + ++ticks * tick;
    const at = now();
    try {
      onTick(at, Math.max(0, at - scheduled));
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
