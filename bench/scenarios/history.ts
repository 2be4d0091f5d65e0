/**
 * `history`: no browser. What the durable history store (issue 12) costs and how fast it answers:
 * 1. server CPU storing the whole live fleet vs no store; 2. live delivery p99 at rest vs while a
 * client queries 7 days of one device in a loop; 3. spawn -> ready of a 24 h backfill and bytes on
 * disk per raw value; 4. `/api/history` p50/p95 over 24 h and 30 d.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { DUCKDB_FILE } from "../../server/src/store/duckdbStore";
import { DAY_MS, HOUR_MS, STORE_DEFAULTS } from "../../server/src/store/historyStore";
import type { DeviceInfo } from "../../src/protocol/messages";
import { bytesPerValue, fleetValues, queryLoop, summarizeQueries, verdict } from "../lib/historyQueries";
import { openLiveProbes } from "../lib/liveProbes";
import { describeMachine, emptyFigures, type ScenarioRecord } from "../lib/results";
import { round } from "../lib/stats";
import {
  dirBytes,
  readStoreGauges,
  type StoreServer,
  startStoreServer,
  waitForIdle,
} from "../lib/storeServer";
import { measureFor, type Scenario, type ScenarioContext } from "./context";
import {
  deliveryUnderQueries,
  type LiveSizes,
  type LoadSizes,
  READY_TIMEOUT_MS,
  SEED,
  storeCost,
} from "./historyLive";

/** The targets. */
export const HISTORY_TARGETS = {
  storeCpuPctOfCore: 15,
  deliveryP99IncreasePct: 10,
  bytesPerRawValue: 3,
  backfillReadyS: 60,
  query24hP95Ms: 50,
  query30dP95Ms: 100,
};

interface Sizes {
  live: LiveSizes;
  /** Alternating windows at rest and under query load on the store with long history. */
  load: LoadSizes;
  backfill: { devices: number; rate: number; hours: number };
  longStore: { devices: number; rate: number; days: number };
  queries: number;
}

const FULL: Sizes = {
  live: { devices: 2000, rate: 10, probes: 3, warmupMs: 10_000, cpuWindowMs: 30_000 },
  load: { rounds: 3, windowMs: 10_000 },
  backfill: { devices: 200, rate: 1, hours: 24 },
  longStore: { devices: 4, rate: 1, days: 30 },
  queries: 200,
};
const QUICK: Sizes = {
  live: { devices: 400, rate: 10, probes: 2, warmupMs: 2000, cpuWindowMs: 3000 },
  load: { rounds: 1, windowMs: 3000 },
  backfill: { devices: 20, rate: 1, hours: 1 },
  longStore: { devices: 2, rate: 1, days: 2 },
  queries: 20,
};
/** Long enough for one maintenance run (every `maintainMs`) to start after the ready line. */
const AFTER_MAINTENANCE_MS = STORE_DEFAULTS.maintainMs + 1000;

const tempDir = (name: string) => mkdtempSync(join(tmpdir(), `fleet-history-${name}-`));

async function deviceIds(server: StoreServer): Promise<DeviceInfo[]> {
  const probe = await openLiveProbes(server.wsUrl, 1);
  await probe.close();
  return (probe.welcome as { fleet: DeviceInfo[] }).fleet;
}

/** Raw, minute and hour rows in a closed store, read from its file (null if it cannot be opened). */
async function storeRows(dataDir: string): Promise<Record<string, number> | null> {
  try {
    const db = await DuckDBInstance.create(join(dataDir, DUCKDB_FILE), { access_mode: "READ_ONLY" });
    const connection = await db.connect();
    const rows: Record<string, number> = {};
    for (const table of ["history_raw", "history_minute", "history_hour"]) {
      const reader = await connection.runAndReadAll(`SELECT count(*) FROM ${table}`);
      rows[table] = Number(reader.getRows()[0]?.[0] ?? 0);
    }
    connection.closeSync();
    db.closeSync();
    return rows;
  } catch {
    return null;
  }
}

/**
 * Part 4b: a store with `days` of history for a few devices, queried over 30 days. The backfill
 * keeps raw data as long as it reaches: the store rolls up late samples only within raw retention,
 * so with the default 24 h every day backfilled after the first maintenance run would be lost
 * (found by this scenario; see docs/PERFORMANCE.md). A second server with the default retention
 * then trims raw to 24 h, so the queries meet the store in the shape a month of running leaves.
 */
async function longStoreQueries(sizes: Sizes, dataDir: string, log: ScenarioContext["log"]) {
  const { devices, rate, days } = sizes.longStore;
  log(`history: backfilling ${days} d of ${devices} devices at ${rate} Hz`);
  const flags = ["--data", dataDir];
  const filled = await startStoreServer(
    {
      devices,
      rate,
      seed: SEED,
      extraFlags: [...flags, "--backfill", `${days}d`, "--retention-raw", `${days + 1}d`],
    },
    READY_TIMEOUT_MS,
  );
  const ids = (await deviceIds(filled)).map((d) => d.id);
  await filled.stop();
  const server = await startStoreServer({ devices, rate, seed: SEED, extraFlags: flags }, READY_TIMEOUT_MS);
  try {
    // Two maintenance runs: the first deletes the raw days past the default retention.
    await measureFor(2 * AFTER_MAINTENANCE_MS);
    const outcomes = await queryLoop(
      server.url,
      ids,
      { spanMs: 30 * DAY_MS, points: 1000 },
      { count: sizes.queries },
    );
    return { ready_s: round(filled.readyMs / 1000), devices: ids, query_30d: summarizeQueries(outcomes) };
  } finally {
    await server.stop();
  }
}

/** Parts 3 and 4a: a day of backfill timed, queried over 24 h, stopped, then measured on disk. */
async function backfillDay(sizes: Sizes, dataDir: string, log: ScenarioContext["log"]) {
  const { devices, rate, hours } = sizes.backfill;
  log(`history: backfilling ${hours} h of ${devices} devices at ${rate} Hz`);
  const server = await startStoreServer(
    { devices, rate, seed: SEED, extraFlags: ["--data", dataDir, "--backfill", `${hours}h`] },
    READY_TIMEOUT_MS,
  );
  let clean = false;
  let gauges: Awaited<ReturnType<typeof readStoreGauges>> | undefined;
  let fleet: DeviceInfo[] = [];
  let query: ReturnType<typeof summarizeQueries> | undefined;
  let settledMs: number | null = null;
  try {
    fleet = await deviceIds(server);
    await measureFor(AFTER_MAINTENANCE_MS);
    const outcomes = await queryLoop(
      server.url,
      fleet.map((d) => d.id),
      { spanMs: DAY_MS, points: 1000 },
      { count: sizes.queries },
    );
    query = summarizeQueries(outcomes);
    // Bytes are measured once compaction of the backfilled day is done: stopped mid-rewrite, the
    // file holds old and new copies (4.51 B a value in the 14:17 run, 2.80 B settled).
    settledMs = await waitForIdle(server.pid);
    gauges = await readStoreGauges(server.url);
  } finally {
    clean = await server.stop();
  }
  const disk = dirBytes(dataDir);
  const rows = await storeRows(dataDir);
  const expected = fleetValues(fleet, (hours * HOUR_MS) / 1000);
  const held = rows?.history_raw ?? gauges?.valuesWritten ?? null;
  return {
    ready_s: round(server.readyMs / 1000),
    maintenance_settled_s: settledMs === null ? null : round(settledMs / 1000),
    stopped_cleanly: clean,
    disk_bytes: disk.allocated,
    disk_bytes_apparent: disk.apparent,
    files: disk.files,
    rows,
    raw_values_expected: expected,
    raw_values_written: gauges?.valuesWritten ?? null,
    store_bytes_by_tier: gauges?.bytes ?? null,
    bytes_per_raw_value: round(held === null ? null : bytesPerValue(disk.allocated, held), 2),
    bytes_per_expected_value: round(bytesPerValue(disk.allocated, expected), 2),
    query_24h: query,
  };
}

/**
 * `BENCH_HISTORY_ONLY=cost` runs part 1 alone (store CPU vs none, three rounds: ~5 minutes); the other figures
 * are then null. Any other value, or none, runs every part.
 */
const costOnly = () => process.env.BENCH_HISTORY_ONLY === "cost";

export const runHistory: Scenario = async ({ options, log }: ScenarioContext): Promise<ScenarioRecord> => {
  const sizes = options.quick ? QUICK : FULL;
  const dirs = { long: tempDir("30d"), day: tempDir("24h"), fresh: tempDir("live") };
  const notes: string[] = [];
  try {
    const skipped = { devices: [] as string[], ready_s: null, query_30d: { p95_ms: null } };
    const long = costOnly() ? skipped : await longStoreQueries(sizes, dirs.long, log);
    const day = costOnly()
      ? { ready_s: null, bytes_per_raw_value: null, query_24h: undefined, stopped_cleanly: true }
      : await backfillDay(sizes, dirs.day, log);
    const cost = await storeCost(sizes.live, dirs.fresh, log);
    const delivery = costOnly()
      ? { p99_change_pct: null, load: { p99_ms: null } }
      : await deliveryUnderQueries(sizes.live, sizes.load, dirs.long, long.devices, log);
    const t = HISTORY_TARGETS;
    const figures = [
      ["store cost, % of one core", cost.added_pct_of_core, t.storeCpuPctOfCore, " points"],
      [
        "delivery p99 under 7 d queries, % change",
        delivery.p99_change_pct,
        t.deliveryP99IncreasePct,
        " points",
      ],
      [
        `backfill ${sizes.backfill.hours} h x ${sizes.backfill.devices} devices, s to ready`,
        day.ready_s,
        t.backfillReadyS,
        " s",
      ],
      ["bytes on disk per raw value", day.bytes_per_raw_value, t.bytesPerRawValue, " B"],
      ["24 h query p95, ms", day.query_24h?.p95_ms ?? null, t.query24hP95Ms, " ms"],
      ["30 d query p95, ms", long.query_30d.p95_ms, t.query30dP95Ms, " ms"],
    ] as const;
    for (const [label, measured, limit, unit] of figures)
      notes.push(`${label}: ${measured ?? "-"} (target <= ${limit}): ${verdict(measured, limit, unit)}`);
    notes.push(
      `store cost scaled to the whole fleet's rate (CPU per second of fleet time; the simulator runs late on a loaded machine): ${cost.added_pct_of_core_at_fleet_rate ?? "-"} points`,
    );
    if (!day.stopped_cleanly)
      notes.push("the backfilled server did not stop within 60 s: killed, bytes measured anyway");
    return {
      scenario: "history",
      date: new Date().toISOString(),
      machine: describeMachine(),
      quick: options.quick,
      summary: {
        ours: { ...emptyFigures(), clients: sizes.live.probes, delivery_p99_ms: delivery.load.p99_ms },
      },
      detail: { sizes, seed: SEED, targets: t, store_cost: cost, delivery, backfill: day, long_store: long },
      notes,
    };
  } finally {
    for (const dir of Object.values(dirs)) rmSync(dir, { recursive: true, force: true });
  }
};
