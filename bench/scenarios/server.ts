/**
 * `server`: no browser. N headless clients each subscribed to every device of a
 * 1,000-device x 10 Hz fleet; N steps up. Reports delivery latency, server CPU and RSS, and
 * server memory per connection (subscribed, and idle measured on a fresh server).
 */
import { openClients } from "../lib/fleetClients";
import { CpuMeter, rssMb } from "../lib/procStats";
import { describeMachine, emptyFigures, type ScenarioRecord } from "../lib/results";
import { type FleetOptions, readServerCounters, startServer, tickLagBetween } from "../lib/serverProcess";
import { round } from "../lib/stats";
import { measureFor, type Scenario, type ScenarioContext } from "./context";

// The server caps connections at 1,000 by default; the top step needs more. Raw clients do not
// answer pings, so the heartbeat is pushed past the longest step.
const FLEET: FleetOptions = {
  devices: 1000,
  rate: 10,
  extraFlags: ["--max-connections", "2500", "--heartbeat", "600000"],
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

async function subscribedStep(
  count: number,
  measureMs: number,
): Promise<Omit<ServerStep, "kb_per_idle_connection">> {
  const server = await startServer(FLEET);
  try {
    const base = await settledRss(server.pid);
    const pool = await openClients(server.wsUrl, count, { subscribe: true, probes: 20 });
    await measureFor(1500);
    pool.resetCounters();
    const countersBefore = await readServerCounters(server.url);
    const cpu = new CpuMeter(server.pid);
    cpu.start();
    const started = performance.now();
    const rssSamples: number[] = [];
    while (performance.now() - started < measureMs) {
      await measureFor(500);
      const rss = rssMb(server.pid);
      if (rss !== null) rssSamples.push(rss);
    }
    const seconds = (performance.now() - started) / 1000;
    const cpuPct = cpu.read();
    const lag = tickLagBetween(countersBefore, await readServerCounters(server.url));
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
  const counts = options.quick ? [50, 200] : [100, 500, 1000, 2000];
  const measureMs = options.quick ? 3000 : 15_000;
  const steps: ServerStep[] = [];
  const notes: string[] = [];
  for (const count of counts) {
    log(`server: ${count} clients on ${FLEET.devices} devices x ${FLEET.rate} Hz`);
    try {
      const subscribed = await subscribedStep(count, measureMs);
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
