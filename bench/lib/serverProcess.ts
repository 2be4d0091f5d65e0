/**
 * Runs the mock fleet server as a child process for a scenario. It is started as
 * `node --import tsx mock-server/src/cli.ts ...`, so the pid we hold IS the server and its
 * /proc entries measure the server alone (not an npx or tsx wrapper).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface FleetOptions {
  devices?: number;
  /** Samples per second of every device (`--rate`). */
  rate?: number;
  /** A `--fleet` spec (counts per kind, rates), written to a temporary file. */
  fleet?: Record<string, unknown>;
  /** Fleet clock tick in ms (`--tick`). */
  tickMs?: number;
  seed?: number;
  /** Directory served at `/`. */
  staticDir?: string;
  /** Further server flags, e.g. `["--max-connections", "2500"]`. */
  extraFlags?: string[];
}

export interface ServerProcess {
  pid: number;
  url: string;
  wsUrl: string;
  /** Everything the server printed, for error messages. */
  output(): string;
  stop(): Promise<void>;
}

const READY = /http:\/\/localhost:(\d+)/;

/** Command-line flags for the server from fleet options. */
export function serverFlags(options: FleetOptions): string[] {
  const flags = ["--port", "0", "--seed", String(options.seed ?? 42)];
  if (options.fleet) {
    const file = join(mkdtempSync(join(tmpdir(), "fleet-bench-")), "fleet.json");
    writeFileSync(file, JSON.stringify(options.fleet));
    flags.push("--fleet", file);
  } else if (options.devices !== undefined) {
    flags.push("--devices", String(options.devices));
  }
  if (options.rate !== undefined && !options.fleet) flags.push("--rate", String(options.rate));
  if (options.tickMs !== undefined) flags.push("--tick", String(options.tickMs));
  if (options.staticDir) flags.push("--static", options.staticDir);
  flags.push(...(options.extraFlags ?? []));
  return flags;
}

/** Starts the server and resolves once it prints its URL (rejects with its output otherwise). */
export function startServer(options: FleetOptions): Promise<ServerProcess> {
  const log: string[] = [];
  const child: ChildProcess = spawn(
    process.execPath,
    ["--import", "tsx", "mock-server/src/cli.ts", ...serverFlags(options)],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  const output = () => log.join("");
  const stop = () =>
    new Promise<void>((done) => {
      if (child.exitCode !== null || child.signalCode !== null) return done();
      const force = setTimeout(() => child.kill("SIGKILL"), 3000);
      child.once("exit", () => {
        clearTimeout(force);
        done();
      });
      child.kill("SIGTERM");
    });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`mock server did not start in 30 s:\n${output()}`));
    }, 30_000);
    child.stdout?.on("data", (chunk: Buffer) => {
      log.push(String(chunk));
      const match = READY.exec(output());
      if (match && child.pid !== undefined) {
        clearTimeout(timer);
        const port = Number(match[1]);
        resolve({
          pid: child.pid,
          url: `http://127.0.0.1:${port}`,
          wsUrl: `ws://127.0.0.1:${port}/ws`,
          output,
          stop,
        });
      }
    });
    child.stderr?.on("data", (chunk: Buffer) => log.push(String(chunk)));
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`mock server exited with ${code}:\n${output().trim()}`));
    });
  });
}

/** Sums of each metric in a Prometheus text exposition, by name (labels summed over). */
export function parsePrometheus(text: string): Map<string, number> {
  const sums = new Map<string, number>();
  for (const line of text.split("\n")) {
    if (line.startsWith("#") || line.trim() === "") continue;
    const match = /^([a-zA-Z_:][\w:]*)(\{[^}]*\})?\s+(\S+)/.exec(line);
    if (!match) continue;
    const value = Number(match[3]);
    if (!Number.isFinite(value)) continue;
    const name = match[1] as string;
    sums.set(name, (sums.get(name) ?? 0) + value);
  }
  return sums;
}

/** Cumulative counters the server exposes on /metrics (null where it does not). */
export interface ServerCounters {
  /** Data frames the server skipped for slow clients (live data dropped). */
  skippedFrames: number | null;
  framesOut: number | null;
  bytesOut: number | null;
  /** Samples the fleet produced (`fleet_samples_total`). */
  samples: number | null;
  /** Fleet clock tick lag histogram: cumulative count per upper bound (s), sum (s), count. */
  tickLag: { buckets: [number, number][]; sum: number; count: number } | null;
}

/** Reads the histogram `name` (buckets by `le`, sum, count) from Prometheus text. */
export function parseHistogram(text: string, name: string): ServerCounters["tickLag"] {
  const buckets: [number, number][] = [];
  let sum: number | undefined;
  let count: number | undefined;
  for (const line of text.split("\n")) {
    const bucket = new RegExp(`^${name}_bucket\\{[^}]*le="([^"]+)"[^}]*\\}\\s+(\\S+)`).exec(line);
    if (bucket)
      buckets.push([bucket[1] === "+Inf" ? Number.POSITIVE_INFINITY : Number(bucket[1]), Number(bucket[2])]);
    else if (line.startsWith(`${name}_sum `)) sum = Number(line.split(/\s+/)[1]);
    else if (line.startsWith(`${name}_count `)) count = Number(line.split(/\s+/)[1]);
  }
  if (sum === undefined || count === undefined) return null;
  return { buckets: buckets.sort((a, b) => a[0] - b[0]), sum, count };
}

/** Reads the server's /metrics; every field is null when it is not exposed. */
export async function readServerCounters(url: string): Promise<ServerCounters> {
  const none: ServerCounters = {
    skippedFrames: null,
    framesOut: null,
    bytesOut: null,
    samples: null,
    tickLag: null,
  };
  try {
    const response = await fetch(`${url}/metrics`, { signal: AbortSignal.timeout(3000) });
    if (!response.ok) return none;
    const text = await response.text();
    const metrics = parsePrometheus(text);
    return {
      skippedFrames: metrics.get("fleet_skipped_frames_total") ?? null,
      framesOut: metrics.get("fleet_frames_out_total") ?? null,
      bytesOut: metrics.get("fleet_bytes_out_total") ?? null,
      samples: metrics.get("fleet_samples_total") ?? null,
      tickLag: parseHistogram(text, "fleet_tick_lag_seconds"),
    };
  } catch {
    return none;
  }
}

/** Tick lag between two readings: mean and p99 (upper bucket bound) in ms. */
export function tickLagBetween(
  before: ServerCounters,
  after: ServerCounters,
): { mean_ms: number | null; p99_ms: number | null } {
  const a = before.tickLag;
  const b = after.tickLag;
  if (!b) return { mean_ms: null, p99_ms: null };
  const count = b.count - (a?.count ?? 0);
  if (count <= 0) return { mean_ms: null, p99_ms: null };
  const mean = ((b.sum - (a?.sum ?? 0)) / count) * 1000;
  let p99: number | null = null;
  for (const [le, cumulative] of b.buckets) {
    const prior = a?.buckets.find(([l]) => l === le)?.[1] ?? 0;
    if (cumulative - prior >= 0.99 * count) {
      p99 = le * 1000;
      break;
    }
  }
  return { mean_ms: mean, p99_ms: p99 };
}

/** Difference of one counter between two readings, or null. */
export function counterDelta(before: number | null, after: number | null): number | null {
  return before === null || after === null ? null : after - before;
}
