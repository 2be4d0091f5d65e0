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

/** What the server says about itself, where it exposes it (null where it does not). */
export interface ServerCounters {
  /** Metric values the server has sent to clients in total. */
  valuesSent: number | null;
  /** Event-loop or fleet-clock tick lag (ms). */
  tickLagMs: number | null;
}

const SENT_NAMES = [/values_sent_total$/, /samples_values_sent_total$/, /sent_values_total$/];
const LAG_NAMES = [/tick_lag_ms$/, /tick_lag_seconds$/, /^nodejs_eventloop_lag_p99_seconds$/];

function firstMatch(metrics: Map<string, number>, patterns: RegExp[]): [string, number] | undefined {
  for (const pattern of patterns) {
    for (const entry of metrics) if (pattern.test(entry[0])) return entry;
  }
  return undefined;
}

/** Reads /metrics (Prometheus text) for the sent-values counter and the tick lag. */
export async function readServerCounters(url: string): Promise<ServerCounters> {
  try {
    const response = await fetch(`${url}/metrics`, { signal: AbortSignal.timeout(3000) });
    if (!response.ok) return { valuesSent: null, tickLagMs: null };
    const metrics = parsePrometheus(await response.text());
    const sent = firstMatch(metrics, SENT_NAMES);
    const lag = firstMatch(metrics, LAG_NAMES);
    const lagMs = lag ? (lag[0].endsWith("_seconds") ? lag[1] * 1000 : lag[1]) : null;
    return { valuesSent: sent ? sent[1] : null, tickLagMs: lagMs };
  } catch {
    return { valuesSent: null, tickLagMs: null };
  }
}
