/**
 * Measures the history store engines on simulated-like data (smooth signals rounded to 2
 * decimals, 4 metrics a device): append throughput, bytes on disk per raw value after a day,
 * query latency for 24 h and 30 d, and event-loop delay while 30-day queries run.
 *   npx tsx bench/storeEngines.ts [--devices 100] [--hours 24] [--days 30] [--pg-devices 10] [--quick]
 * Figures go to stdout as JSON; docs/STORAGE.md records a run.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { openDuckDbStore } from "../server/src/store/duckdbStore";
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
  const write = async (from: number, to: number, step: number) => {
    for (let t = from; t < to; t += step) {
      for (let d = 0; d < devices; d++) store.append(`dev-${d}`, t, METRICS, values(d, t, row));
      written += devices * METRICS.length;
      if ((t - from) % HOUR_MS === 0) {
        await store.flush();
        now = t;
        if ((t - from) % (6 * HOUR_MS) === 0) await store.maintain();
      }
    }
    await store.flush();
    now = to;
    await store.maintain();
  };
  await write(END - DAYS * DAY_MS, END - HOURS * HOUR_MS, 60_000);
  const rawStart = performance.now();
  const rawBefore = written;
  await write(END - HOURS * HOUR_MS, END, 1000);
  const rawSeconds = (performance.now() - rawStart) / 1000;
  return {
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
  rmSync(dir, { recursive: true, force: true });
  return {
    devices: DEVICES,
    rawValues: filled.rawValues,
    appendRowsPerSecond: filled.appendRowsPerSecond,
    fillSeconds: filled.fillSeconds,
    dataDirBytes: du,
    bytesPerRawValue: +(du / filled.rawValues).toFixed(2),
    tierBytes: bytes,
    ...measured,
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

const result = { hours: HOURS, days: DAYS, duckdb: await duckdb(), postgres: await postgres() };
console.log(JSON.stringify(result, null, 2));
