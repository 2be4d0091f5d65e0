/**
 * `server`: no browser. N headless clients each subscribed to every device of a
 * 1,000-device x 10 Hz fleet; N steps up. Reports delivery latency, server CPU and RSS, and
 * server memory per connection (subscribed, and idle measured on a fresh server).
 * `BENCH_SERVER_CLIENTS=2000,5000` runs only those steps; with `--trace` each subscribed
 * step's server writes a V8 CPU profile of its measurement window to
 * bench/results/server-N.cpuprofile.json (results are not committed).
 */
import { mkdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { openClients } from "../lib/fleetClients";
import { CpuMeter, cpuSeconds, rssMb } from "../lib/procStats";
import { describeMachine, emptyFigures, type ScenarioRecord } from "../lib/results";
import {
  counterDelta,
  type FleetOptions,
  readServerCounters,
  startServer,
  tickLagBetween,
} from "../lib/serverProcess";
import { round } from "../lib/stats";
import { measureFor, type Scenario, type ScenarioContext } from "./context";

// The server caps connections at 1,000 by default; the top step (5,000) needs more. Raw clients do not
// answer pings, so the heartbeat is pushed past the longest step.
const FLEET: FleetOptions = {
  devices: 1000,
  rate: 10,
  extraFlags: ["--max-connections", "6000", "--heartbeat", "600000"],
};
/** Delivery p99 target at 1,000 clients (ms) and idle memory target (KB per connection). */
export const SERVER_TARGETS = { clients: 1000, deliveryP99Ms: 100, idleKbPerConnection: 30 };

export interface ServerStep {
  clients: number;
  delivery_p50_ms: number | null;
  delivery_p99_ms: number | null;
  latency_samples: number;
  mb_per_s_delivered: number;
  server_cpu_pct: number | null;
  server_rss_mb: number | null;
  server_rss_base_mb: number | null;
  kb_per_subscribed_connection: number | null;
  kb_per_idle_connection: number | null;
  tick_lag_mean_ms: number | null;
  tick_lag_p99_ms: number | null;
  /** Live frames the server skipped for clients over their buffer cap, per second. */
  skipped_frames_per_s: number | null;
  /**
   * Write syscalls of the server per client per second (`syscw` of /proc/<pid>/io; 20 ticks a
   * second): what corking a tick's frames saves, independent of how loaded the machine is.
   */
  writes_per_client_per_s: number | null;
  /** Bytes the server wrote (`wchar`), MB/s, and its CPU ms per MB written. */
  server_mb_per_s_written: number | null;
  cpu_ms_per_mb_written: number | null;
}

/** Write syscalls and bytes written so far by `pid` (/proc/<pid>/io), or null. */
function writesSoFar(pid: number): { calls: number; bytes: number } | null {
  try {
    const io = readFileSync(`/proc/${pid}/io`, "utf8");
    const field = (name: string) =>
      Number(new RegExp(`^${name}:\\s+(\\d+)`, "m").exec(io)?.[1] ?? Number.NaN);
    const calls = field("syscw");
    const bytes = field("wchar");
    return Number.isFinite(calls) && Number.isFinite(bytes) ? { calls, bytes } : null;
  } catch {
    return null;
  }
}

// Long enough for the server's GC to reclaim the per-connection welcome frames.
async function settledRss(pid: number): Promise<number | null> {
  await measureFor(1500);
  return rssMb(pid);
}

async function idleKbPerConnection(count: number): Promise<number | null> {
  const server = await startServer(FLEET);
  try {
    const base = await settledRss(server.pid);
    const pool = await openClients(server.wsUrl, count, { subscribe: false });
    const loaded = await settledRss(server.pid);
    await pool.closeAll();
    return base === null || loaded === null ? null : ((loaded - base) * 1024) / count;
  } finally {
    await server.stop();
  }
}

/** Client counts of the run: `BENCH_SERVER_CLIENTS` (comma-separated) when set. */
export function stepCounts(quick: boolean, env: string | undefined): number[] {
  if (env === undefined || env.trim() === "") return quick ? [50, 200] : [100, 500, 1000, 2000, 5000];
  const counts = env.split(",").map((part) => Number(part.trim()));
  if (counts.some((count) => !Number.isInteger(count) || count < 1 || count > 6000))
    throw new Error(`BENCH_SERVER_CLIENTS must be integers from 1 to 6000, got "${env}"`);
  return counts;
}

const PROFILE_DIR = "bench/results";

/**
 * Starts the step's server; with a profile, preloading serverCpuProfile.mjs (NODE_OPTIONS and
 * the variable reach only the child: this process read its own at start).
 */
async function startStepServer(profileName: string | undefined): ReturnType<typeof startServer> {
  if (!profileName) return startServer(FLEET);
  mkdirSync(PROFILE_DIR, { recursive: true });
  const saved = { NODE_OPTIONS: process.env.NODE_OPTIONS, BENCH_CPU_PROFILE: process.env.BENCH_CPU_PROFILE };
  process.env.NODE_OPTIONS = `${saved.NODE_OPTIONS ?? ""} --import ${resolve("bench/scenarios/serverCpuProfile.mjs")}`;
  process.env.BENCH_CPU_PROFILE = resolve(PROFILE_DIR, profileName);
  try {
    return await startServer(FLEET);
  } finally {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

async function subscribedStep(
  count: number,
  measureMs: number,
  profile: boolean,
): Promise<Omit<ServerStep, "kb_per_idle_connection">> {
  const server = await startStepServer(profile ? `server-${count}.cpuprofile.json` : undefined);
  try {
    const base = await settledRss(server.pid);
    const pool = await openClients(server.wsUrl, count, { subscribe: true, probes: 20 });
    await measureFor(1500);
    pool.resetCounters();
    const countersBefore = await readServerCounters(server.url);
    if (profile) process.kill(server.pid, "SIGUSR2");
    const cpu = new CpuMeter(server.pid);
    cpu.start();
    const cpuBefore = cpuSeconds(server.pid);
    const writesBefore = writesSoFar(server.pid);
    const started = performance.now();
    const rssSamples: number[] = [];
    while (performance.now() - started < measureMs) {
      await measureFor(500);
      const rss = rssMb(server.pid);
      if (rss !== null) rssSamples.push(rss);
    }
    const seconds = (performance.now() - started) / 1000;
    const cpuPct = cpu.read();
    const cpuAfter = cpuSeconds(server.pid);
    const writesAfter = writesSoFar(server.pid);
    const written = writesBefore && writesAfter ? writesAfter.bytes - writesBefore.bytes : null;
    const cpuMs = cpuBefore === null || cpuAfter === null ? null : (cpuAfter - cpuBefore) * 1000;
    const countersAfter = await readServerCounters(server.url);
    const lag = tickLagBetween(countersBefore, countersAfter);
    const skipped = counterDelta(countersBefore.skippedFrames, countersAfter.skippedFrames);
    await pool.closeAll();
    const rss = rssSamples.length ? rssSamples.reduce((a, b) => a + b, 0) / rssSamples.length : null;
    return {
      clients: count,
      delivery_p50_ms: pool.latency.percentile(50),
      delivery_p99_ms: pool.latency.percentile(99),
      latency_samples: pool.latency.count,
      mb_per_s_delivered: round(pool.bytes / seconds / 2 ** 20, 2) ?? 0,
      server_cpu_pct: round(cpuPct),
      server_rss_mb: round(rss),
      server_rss_base_mb: round(base),
      kb_per_subscribed_connection:
        rss === null || base === null ? null : round(((rss - base) * 1024) / count),
      tick_lag_mean_ms: round(lag.mean_ms),
      tick_lag_p99_ms: round(lag.p99_ms),
      skipped_frames_per_s: skipped === null ? null : round(skipped / seconds, 1),
      writes_per_client_per_s:
        writesBefore && writesAfter
          ? round((writesAfter.calls - writesBefore.calls) / seconds / count, 2)
          : null,
      server_mb_per_s_written: written === null ? null : round(written / seconds / 2 ** 20, 1),
      cpu_ms_per_mb_written: written && cpuMs !== null ? round(cpuMs / (written / 2 ** 20), 3) : null,
    };
  } finally {
    await server.stop();
  }
}

/** The step the summary reports: 1,000 clients when run, else the largest step. */
export function summaryStep(steps: ServerStep[]): ServerStep | undefined {
  return steps.find((step) => step.clients === SERVER_TARGETS.clients) ?? steps[steps.length - 1];
}

export const runServer: Scenario = async ({ options, log }: ScenarioContext): Promise<ScenarioRecord> => {
  const counts = stepCounts(options.quick, process.env.BENCH_SERVER_CLIENTS);
  const measureMs = options.quick ? 3000 : 15_000;
  const steps: ServerStep[] = [];
  const notes: string[] = [];
  for (const count of counts) {
    log(`server: ${count} clients on ${FLEET.devices} devices x ${FLEET.rate} Hz`);
    try {
      const subscribed = await subscribedStep(count, measureMs, options.trace);
      const idle = await idleKbPerConnection(count);
      steps.push({ ...subscribed, kb_per_idle_connection: round(idle, 2) });
    } catch (error) {
      notes.push(`${count} clients: ${(error as Error).message.split("\n").slice(0, 3).join(" ")}`);
      break;
    }
  }
  const reported = summaryStep(steps);
  return {
    scenario: "server",
    date: new Date().toISOString(),
    machine: describeMachine(),
    quick: options.quick,
    summary: {
      ours: {
        ...emptyFigures(),
        clients: reported?.clients ?? null,
        delivery_p99_ms: reported?.delivery_p99_ms ?? null,
        kb_per_connection: reported?.kb_per_idle_connection ?? null,
      },
    },
    detail: { fleet: FLEET, measure_ms: measureMs, steps, targets: SERVER_TARGETS },
    notes,
  };
};
