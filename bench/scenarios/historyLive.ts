/**
 * The live half of the `history` scenario: a whole fleet streaming to a few probe clients, its
 * server's CPU with and without a store, and delivery latency while history queries run.
 */
import { loadavg } from "node:os";
import { join } from "node:path";
import { DAY_MS } from "../../server/src/store/historyStore";
import { changePct, type HistoryAsk, queryLoop, summarizeQueries } from "../lib/historyQueries";
import { openLiveProbes } from "../lib/liveProbes";
import { cpuSeconds, threadCpuSeconds, threadShares } from "../lib/procStats";
import { readServerCounters, tickLagBetween } from "../lib/serverProcess";
import { median, round } from "../lib/stats";
import { readStoreGauges, type StoreServer, startStoreServer } from "../lib/storeServer";
import { measureFor } from "./context";

export interface LiveSizes {
  devices: number;
  rate: number;
  /** Clients subscribed to every device that measure sample -> client latency. */
  probes: number;
  warmupMs: number;
  cpuWindowMs: number;
}
/** Alternating windows at rest and under query load. */
export interface LoadSizes {
  rounds: number;
  windowMs: number;
}
type Log = (message: string) => void;

/** Seed of every server in the scenario. */
export const SEED = 1;
/** A backfill runs before the ready line: allow for a slow one. */
export const READY_TIMEOUT_MS = 15 * 60_000;
const SEVEN_DAYS: HistoryAsk = { spanMs: 7 * DAY_MS, points: 1000 };

/** A live fleet server, probes subscribed to everything, after the warm-up. */
async function liveServer(live: LiveSizes, dataDir: string | null) {
  const { devices, rate, probes, warmupMs } = live;
  const server = await startStoreServer(
    { devices, rate, seed: SEED, extraFlags: dataDir ? ["--data", dataDir] : [] },
    READY_TIMEOUT_MS,
  );
  try {
    const clients = await openLiveProbes(server.wsUrl, probes);
    await measureFor(warmupMs);
    return { server, clients };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

/** Stops `server` cleanly and says how long it took (a store commits and closes its files). */
export async function timedStop(server: StoreServer) {
  const started = performance.now();
  const clean = await server.stop();
  return { stop_s: round((performance.now() - started) / 1000), stopped_cleanly: clean };
}

/** One measured window: CPU % of one core, store values/s and drops, tick lag. */
async function measureWindow(server: StoreServer, ms: number, during?: () => Promise<unknown>) {
  const counters = await readServerCounters(server.url);
  const store0 = await readStoreGauges(server.url);
  const cpu0 = cpuSeconds(server.pid) ?? 0;
  const threads0 = threadCpuSeconds(server.pid);
  const started = performance.now();
  await (during ? during() : measureFor(ms));
  const seconds = (performance.now() - started) / 1000;
  const cpu = (cpuSeconds(server.pid) ?? cpu0) - cpu0;
  // Busiest threads first (tid order: main, V8's 4, libuv's pool of 4, then the DuckDB worker).
  const threads = threadShares(threads0, threadCpuSeconds(server.pid), seconds)
    .filter((thread) => thread.pct >= 0.5)
    .map((thread) => ({ tid: thread.tid, pct: round(thread.pct) }));
  const store1 = await readStoreGauges(server.url);
  const counters1 = await readServerCounters(server.url);
  const lag = tickLagBetween(counters, counters1);
  const written = (store1.valuesWritten ?? 0) - (store0.valuesWritten ?? 0);
  const samples =
    counters.samples === null || counters1.samples === null ? null : counters1.samples - counters.samples;
  return {
    seconds,
    cpuSeconds: cpu,
    samples_per_s: samples === null ? null : Math.round(samples / seconds),
    threads,
    values_stored_per_s: store1.valuesWritten === null ? null : Math.round(written / seconds),
    samples_dropped: store1.samplesDropped,
    tick_lag_p99_ms: lag.p99_ms,
  };
}

/**
 * Rounds of part 1. One pair of windows read 14.5-22.3 points on the same store code over one
 * evening (2026-11-29; the commit before read 17.8-21.1 alternated with it), so the figure is
 * the median of three pairs, each its own fresh store.
 */
export const COST_ROUNDS = 3;

/**
 * Part 1: server CPU with no store, then with a fresh store, over the same window, `rounds` times
 * alternated; the added cost is the median of the rounds' differences.
 */
export async function storeCost(live: LiveSizes, dataDir: string, log: Log, rounds = COST_ROUNDS) {
  const pairs: Array<Record<string, unknown>> = [];
  for (let n = 1; n <= rounds; n++)
    pairs.push(await costPair(live, join(dataDir, `round-${n}`), log, `${n}/${rounds}`));
  const added = (key: "added_pct_of_core" | "added_pct_of_core_at_fleet_rate") => {
    const values = pairs.flatMap((pair) => (typeof pair[key] === "number" ? [pair[key] as number] : []));
    return values.length === pairs.length ? round(median(values)) : null;
  };
  return {
    rounds: pairs,
    added_pct_of_core: added("added_pct_of_core"),
    added_pct_of_core_at_fleet_rate: added("added_pct_of_core_at_fleet_rate"),
    added_pct_of_core_by_round: pairs.map((pair) => pair.added_pct_of_core ?? null),
  };
}

/** One pair of part 1's windows: no store, then a fresh store in `dataDir`. */
async function costPair(live: LiveSizes, dataDir: string, log: Log, label: string) {
  const results: Record<string, unknown> = {};
  for (const [name, dir] of [
    ["no_store", null],
    ["store", dataDir],
  ] as const) {
    log(`history: ${live.devices} devices x ${live.rate} Hz, ${name.replace("_", " ")} (round ${label})`);
    const { server, clients } = await liveServer(live, dir);
    let figures: Record<string, unknown> = {};
    try {
      clients.setPhase("window");
      const w = await measureWindow(server, live.cpuWindowMs);
      clients.setPhase(null);
      const latency = clients.histogram("window");
      figures = {
        ready_s: round(server.readyMs / 1000),
        cpu_pct: round((100 * w.cpuSeconds) / w.seconds),
        // A loaded machine runs the simulator late: CPU per second of fleet time, scaled to the
        // whole fleet's rate, compares runs that fell behind by different amounts.
        fleet_samples_per_s: w.samples_per_s,
        cpu_pct_at_fleet_rate: w.samples_per_s
          ? round((100 * w.cpuSeconds * live.devices * live.rate) / w.samples_per_s / w.seconds)
          : null,
        cpu_pct_by_thread: w.threads,
        load_average: loadavg().map((load) => round(load)),
        delivery_p50_ms: latency.percentile(50),
        delivery_p99_ms: latency.percentile(99),
        values_stored_per_s: w.values_stored_per_s,
        samples_dropped: w.samples_dropped,
        tick_lag_p99_ms: w.tick_lag_p99_ms,
      };
    } finally {
      await clients.close();
      results[name] = { ...figures, ...(await timedStop(server)) };
    }
  }
  const cpu = (name: string, key: "cpu_pct" | "cpu_pct_at_fleet_rate") =>
    (results[name] as Record<string, number | null>)[key] ?? null;
  const added = (key: "cpu_pct" | "cpu_pct_at_fleet_rate") => {
    const store = cpu("store", key);
    const none = cpu("no_store", key);
    return store === null || none === null ? null : round(store - none);
  };
  return {
    ...results,
    added_pct_of_core: added("cpu_pct"),
    added_pct_of_core_at_fleet_rate: added("cpu_pct_at_fleet_rate"),
  };
}

/** Part 2: alternating windows at rest and while 7-day queries run one after another. */
export async function deliveryUnderQueries(
  live: LiveSizes,
  windows: LoadSizes,
  dataDir: string,
  queried: string[],
  log: Log,
) {
  log(`history: delivery p99 at rest vs 7-day queries of ${queried.join(", ")}`);
  const { server, clients } = await liveServer(live, dataDir);
  const cpu = { rest: { seconds: 0, wall: 0 }, load: { seconds: 0, wall: 0 } };
  const outcomes: Awaited<ReturnType<typeof queryLoop>> = [];
  let stopped: Awaited<ReturnType<typeof timedStop>> | undefined;
  try {
    for (let i = 0; i < windows.rounds; i++) {
      for (const phase of ["rest", "load"] as const) {
        clients.setPhase(phase);
        const ms = windows.windowMs;
        const w = await measureWindow(server, ms, async () => {
          if (phase === "rest") return measureFor(ms);
          // Live latency is measured in this process: answers are drained, not parsed.
          outcomes.push(
            ...(await queryLoop(server.url, queried, SEVEN_DAYS, { until: measureFor(ms), read: false })),
          );
        });
        clients.setPhase(null);
        cpu[phase].seconds += w.cpuSeconds;
        cpu[phase].wall += w.seconds;
        await measureFor(1000);
      }
    }
  } finally {
    await clients.close();
    stopped = await timedStop(server);
  }
  const rest = clients.histogram("rest");
  const load = clients.histogram("load");
  return {
    rest: { p50_ms: rest.percentile(50), p99_ms: rest.percentile(99), samples: rest.count },
    load: { p50_ms: load.percentile(50), p99_ms: load.percentile(99), samples: load.count },
    p99_change_pct: round(changePct(rest.percentile(99), load.percentile(99))),
    cpu_pct_rest: round((100 * cpu.rest.seconds) / cpu.rest.wall),
    cpu_pct_load: round((100 * cpu.load.seconds) / cpu.load.wall),
    queries_7d: summarizeQueries(outcomes),
    ready_s: round(server.readyMs / 1000),
    ...stopped,
  };
}
