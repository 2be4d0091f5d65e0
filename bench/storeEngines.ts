/**
 * Measures the history store engines on simulated-like data (smooth signals rounded to 2
 * decimals, 4 metrics a device): append throughput, bytes on disk per raw value after a day,
 * query latency for 24 h and 30 d, and event-loop delay while 30-day queries run.
 *   npx tsx bench/storeEngines.ts [--devices 100] [--hours 24] [--days 30] [--pg-devices 10] [--quick]
 *     [--engines duckdb,postgres]
 *   npx tsx bench/storeEngines.ts --measure DATA_DIR   (a stopped server's embedded store: bytes
 *     per raw value of the whole dir, and rows one device's query scans)
 * Figures go to stdout as JSON; docs/STORAGE.md records a run.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { DuckDBInstance } from "@duckdb/node-api";
import { DUCKDB_FILE, openDuckDbStore } from "../server/src/store/duckdbStore";
import { DAY_MS, type HistoryStore, HOUR_MS, type StoreOptions } from "../server/src/store/historyStore";
import { openPostgresStore } from "../server/src/store/postgresStore";
import { POSTGRES_BIN, TestPostgres } from "../testing/postgres";

const args = process.argv.slice(2);
const flag = (name: string, fallback: number) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const quick = args.includes("--quick");
const DEVICES = flag("devices", quick ? 20 : 100);
const HOURS = flag("hours", quick ? 2 : 24);
const DAYS = flag("days", quick ? 3 : 30);
const PG_DEVICES = flag("pg-devices", quick ? 5 : 10);
const ENGINES = args.includes("--engines")
  ? String(args[args.indexOf("--engines") + 1]).split(",")
  : ["duckdb", "postgres"];
const METRICS = ["temperature", "humidity", "power", "voltage"];
const END = 1_795_000_000_000 - (1_795_000_000_000 % HOUR_MS);

/** One device's smooth signals at `time`, rounded as the simulator's are. */
function values(device: number, time: number, out: number[]): number[] {
  const s = time / 1000;
  out[0] = Math.round((21 + 3 * Math.sin(s / 900 + device) + 0.2 * Math.sin(s / 7)) * 100) / 100;
  out[1] = Math.round((45 + 10 * Math.sin(s / 3600 + device * 2)) * 10) / 10;
  out[2] = Math.round((800 + 200 * Math.sin(s / 60 + device) + 30 * Math.sin(s / 3)) * 10) / 10;
  out[3] = Math.round((230 + 2 * Math.sin(s / 30 + device)) * 100) / 100;
  return out;
}

const percentile = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) * p)] ?? 0;

/** Writes `days` of 1-per-minute history then `hours` of 1 Hz raw, the clock following the data. */
async function fill(open: (o: StoreOptions) => Promise<HistoryStore>, devices: number) {
  let now = END - DAYS * DAY_MS;
  const store = await open({ now: () => now, maxBytes: 50 * 1024 ** 3 });
  const row: number[] = [];
  let written = 0;
  const started = performance.now();
  let maintainMs = 0;
  // A fresh histogram per run, watching only while the bench awaits maintenance (its own append
  // loop blocks the loop too, and a re-enabled histogram counts the time it was off).
  const delay = { p99: 0, max: 0 };
  const maintain = async () => {
    const started = performance.now();
    const run = monitorEventLoopDelay({ resolution: 1 });
    run.enable();
    await store.maintain();
    run.disable();
    delay.p99 = Math.max(delay.p99, run.percentile(99) / 1e6);
    delay.max = Math.max(delay.max, run.max / 1e6);
    maintainMs += performance.now() - started;
  };
  const write = async (from: number, to: number, step: number) => {
    for (let t = from; t < to; t += step) {
      for (let d = 0; d < devices; d++) store.append(`dev-${d}`, t, METRICS, values(d, t, row));
      written += devices * METRICS.length;
      if ((t - from) % HOUR_MS === 0) {
        await store.flush();
        now = t;
        if ((t - from) % (6 * HOUR_MS) === 0) await maintain();
      }
    }
    await store.flush();
    now = to;
    await maintain();
  };
  await write(END - DAYS * DAY_MS, END - HOURS * HOUR_MS, 60_000);
  const rawStart = performance.now();
  const rawBefore = written;
  maintainMs = 0;
  Object.assign(delay, { p99: 0, max: 0 });
  // The raw phase runs rollups and compaction every 6 simulated hours.
  await write(END - HOURS * HOUR_MS, END, 1000);
  const rawSeconds = (performance.now() - rawStart) / 1000;
  return {
    maintainSecondsDuringRawFill: Math.round(maintainMs / 100) / 10,
    eventLoopDelayMsDuringMaintenance: { p99: +delay.p99.toFixed(1), max: +delay.max.toFixed(1) },
    store,
    rawValues: written - rawBefore,
    appendRowsPerSecond: Math.round((written - rawBefore) / rawSeconds),
    fillSeconds: Math.round((performance.now() - started) / 100) / 10,
  };
}

async function queries(store: HistoryStore, devices: number) {
  const run = async (span: number, n: number) => {
    const times: number[] = [];
    let tier = "";
    for (let i = 0; i < n; i++) {
      const started = performance.now();
      const answer = await store.query({
        device: `dev-${i % devices}`,
        from: END - span,
        to: END,
        points: 1000,
      });
      times.push(performance.now() - started);
      tier = `${answer.tier}/${answer.bucketMs}ms/${answer.t.length} buckets`;
    }
    return { tier, p50: +percentile(times, 0.5).toFixed(1), p95: +percentile(times, 0.95).toFixed(1) };
  };
  const day = await run(DAY_MS, 50);
  const idle = monitorEventLoopDelay({ resolution: 1 });
  idle.enable();
  await new Promise((done) => setTimeout(done, 1000));
  idle.disable();
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  const month = await run(DAYS * DAY_MS, 50);
  delay.disable();
  const loop = { p99: +(delay.percentile(99) / 1e6).toFixed(1), max: +(delay.max / 1e6).toFixed(1) };
  const idleLoop = { p99: +(idle.percentile(99) / 1e6).toFixed(1), max: +(idle.max / 1e6).toFixed(1) };
  return { day, month, eventLoopDelayMsDuringMonthQueries: loop, eventLoopDelayMsIdle: idleLoop };
}

async function duckdb() {
  const dir = mkdtempSync(join(tmpdir(), "bench-store-"));
  const dataDir = join(dir, "data");
  const filled = await fill((o) => openDuckDbStore({ ...o, dataDir }), DEVICES);
  const measured = await queries(filled.store, DEVICES);
  const { bytes } = filled.store.stats();
  await filled.store.close();
  const du = Number(execFileSync("du", ["-sb", dataDir], { encoding: "utf8" }).split("\t")[0]);
  const scans = await scanned(dataDir, "dev-1");
  rmSync(dir, { recursive: true, force: true });
  return {
    devices: DEVICES,
    rawValues: filled.rawValues,
    appendRowsPerSecond: filled.appendRowsPerSecond,
    fillSeconds: filled.fillSeconds,
    maintainSecondsDuringRawFill: filled.maintainSecondsDuringRawFill,
    eventLoopDelayMsDuringMaintenance: filled.eventLoopDelayMsDuringMaintenance,
    // The longest commit: how long maintenance (rollups, compaction) held the write lane.
    commitMsMax: Math.round(filled.store.stats().commitMs.max),
    dataDirBytes: du,
    bytesPerRawValue: +(du / filled.rawValues).toFixed(2),
    tierBytes: bytes,
    rawTierBytesPerValue: +(bytes.raw / filled.rawValues).toFixed(2),
    scans,
    ...measured,
  };
}

/**
 * What one device's reads scan in a closed embedded store, from EXPLAIN ANALYZE: rows the table
 * scans read (after zone-map pruning) against the rows they return, for the last closed hour of
 * raw and the last day of minutes.
 */
async function scanned(dataDir: string, device: string) {
  const instance = await DuckDBInstance.create(join(dataDir, DUCKDB_FILE), { access_mode: "READ_ONLY" });
  const db = await instance.connect();
  await db.run("PRAGMA enable_profiling = 'json'");
  // EXPLAIN ANALYZE returns the plan as a row; the profiler's own copy goes to a temp file.
  await db.run(`PRAGMA profiling_output = '${join(tmpdir(), "bench-store-profile.json")}'`);
  await db.run(
    'PRAGMA custom_profiling_settings = \'{"OPERATOR_TYPE": "true", "OPERATOR_ROWS_SCANNED": "true", "OPERATOR_CARDINALITY": "true"}\'',
  );
  const idRows = (
    await db.runAndReadAll(`SELECT id FROM history_series WHERE device = '${device}'`)
  ).getRows();
  // Inlined as the store's queries are: a subquery would become a join, not a zone-map filter.
  const ids = `(${idRows.map((r) => Number(r[0])).join(", ")})`;
  const scan = async (table: string, span: number) => {
    const [[newest]] = (await db.runAndReadAll(`SELECT max(t) FROM ${table}`)).getRows() as [[bigint]];
    const to = Number(newest) - (Number(newest) % HOUR_MS);
    const sql = `EXPLAIN ANALYZE SELECT count(*) FROM ${table} WHERE series IN ${ids} AND t >= ${to - span} AND t < ${to}`;
    const plan = JSON.parse(String((await db.runAndReadAll(sql)).getRows()[0]?.[1]));
    const totals = { rowsScanned: 0, rowsReturned: 0, tableRows: 0 };
    const walk = (node: {
      operator_type?: string;
      operator_rows_scanned?: number;
      operator_cardinality?: number;
      children?: unknown[];
    }) => {
      if (node.operator_type === "TABLE_SCAN" && (node.operator_rows_scanned ?? 0) > totals.rowsScanned) {
        totals.rowsScanned = node.operator_rows_scanned ?? 0;
        totals.rowsReturned = node.operator_cardinality ?? 0;
      }
      for (const child of node.children ?? []) walk(child as typeof node);
    };
    walk(plan);
    totals.tableRows = Number((await db.runAndReadAll(`SELECT count(*) FROM ${table}`)).getRows()[0]?.[0]);
    return totals;
  };
  const result = {
    rawHour: await scan("history_raw", HOUR_MS),
    minuteDay: await scan("history_minute", DAY_MS),
  };
  db.closeSync();
  instance.closeSync();
  return result;
}

/** `--measure DIR`: bytes of a stopped server's data dir per raw value it holds, and scans. */
async function measure(dataDir: string) {
  const du = Number(execFileSync("du", ["-sb", dataDir], { encoding: "utf8" }).split("\t")[0]);
  const instance = await DuckDBInstance.create(join(dataDir, DUCKDB_FILE), { access_mode: "READ_ONLY" });
  const db = await instance.connect();
  const count = async (sql: string) => Number((await db.runAndReadAll(sql)).getRows()[0]?.[0]);
  const rawValues = await count("SELECT count(*) FROM history_raw");
  const minuteRows = await count("SELECT count(*) FROM history_minute");
  const device = String((await db.runAndReadAll("SELECT min(device) FROM history_series")).getRows()[0]?.[0]);
  db.closeSync();
  instance.closeSync();
  return {
    dataDirBytes: du,
    rawValues,
    minuteRows,
    bytesPerRawValue: +(du / rawValues).toFixed(2),
    scans: await scanned(dataDir, device),
  };
}

async function postgres() {
  if (!POSTGRES_BIN) return { skipped: "PostgreSQL not installed" };
  const cluster = await TestPostgres.create();
  try {
    const filled = await fill((o) => openPostgresStore({ ...o, connectionString: cluster.url }), PG_DEVICES);
    const measured = await queries(filled.store, PG_DEVICES);
    const { bytes } = filled.store.stats();
    await filled.store.close();
    return {
      devices: PG_DEVICES,
      rawValues: filled.rawValues,
      appendRowsPerSecond: filled.appendRowsPerSecond,
      fillSeconds: filled.fillSeconds,
      tableBytes: bytes.total,
      bytesPerRawValue: +(bytes.total / filled.rawValues).toFixed(2),
      tierBytes: bytes,
      ...measured,
    };
  } finally {
    await cluster.dispose();
  }
}

const measureDir = args.includes("--measure") ? args[args.indexOf("--measure") + 1] : undefined;
const result = measureDir
  ? await measure(measureDir)
  : {
      hours: HOURS,
      days: DAYS,
      duckdb: ENGINES.includes("duckdb") ? await duckdb() : { skipped: "--engines" },
      postgres: ENGINES.includes("postgres") ? await postgres() : { skipped: "--engines" },
    };
console.log(JSON.stringify(result, null, 2));
