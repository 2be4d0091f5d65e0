/**
 * A server with a history store, for the `history` scenario. Unlike `startServer` it waits as long
 * as a backfill takes, times spawn -> ready line, and stops with SIGTERM and waits for the exit, so
 * the store commits, runs its last maintenance step and closes its files before they are measured.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { cpuSeconds } from "./procStats";
import { type FleetOptions, parsePrometheus, serverFlags } from "./serverProcess";

export interface StoreServer {
  pid: number;
  url: string;
  wsUrl: string;
  /** Milliseconds from spawn to the ready line (a backfill runs before it). */
  readyMs: number;
  output(): string;
  /** SIGTERM, then waits up to `graceMs` for the exit (SIGKILL after): true when it exited by itself. */
  stop(graceMs?: number): Promise<boolean>;
}

const READY = /http:\/\/localhost:(\d+)/;

/** Starts `mock-server/src/cli.ts` with `fleet`'s flags; rejects with its output after `readyTimeoutMs`. */
export function startStoreServer(fleet: FleetOptions, readyTimeoutMs: number): Promise<StoreServer> {
  const log: string[] = [];
  const spawned = performance.now();
  const child: ChildProcess = spawn(
    process.execPath,
    ["--import", "tsx", "mock-server/src/cli.ts", ...serverFlags(fleet)],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  const output = () => log.join("");
  const exited = new Promise<void>((done) => child.once("exit", () => done()));
  const stop = async (graceMs = 60_000): Promise<boolean> => {
    if (child.exitCode !== null || child.signalCode !== null) return true;
    child.kill("SIGTERM");
    let timer: NodeJS.Timeout | undefined;
    const clean = await Promise.race([
      exited.then(() => true),
      new Promise<boolean>((done) => (timer = setTimeout(() => done(false), graceMs))),
    ]);
    clearTimeout(timer);
    if (!clean) {
      child.kill("SIGKILL");
      await exited;
    }
    return clean;
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop(3000);
      reject(new Error(`server not ready in ${readyTimeoutMs / 1000} s:\n${output()}`));
    }, readyTimeoutMs);
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
          readyMs: performance.now() - spawned,
          output,
          stop,
        });
      }
    });
    child.stderr?.on("data", (chunk: Buffer) => log.push(String(chunk)));
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output().trim()}`));
    });
  });
}

/** Sizes of every file under `dir`: apparent bytes, and allocated bytes as `du` counts them. */
export function dirBytes(dir: string): { apparent: number; allocated: number; files: number } {
  const total = { apparent: 0, allocated: 0, files: 0 };
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      const inner = dirBytes(path);
      total.apparent += inner.apparent;
      total.allocated += inner.allocated;
      total.files += inner.files;
    } else if (entry.isFile()) {
      const stat = statSync(path);
      total.apparent += stat.size;
      total.allocated += stat.blocks * 512;
      total.files++;
    }
  }
  return total;
}

/** The store's gauges on `/metrics` (null where absent). */
export interface StoreGauges {
  valuesWritten: number | null;
  samplesDropped: number | null;
  bufferedBytes: number | null;
  /** `fleet_store_bytes` by tier, as the last maintenance measured them. */
  bytes: Record<string, number>;
}

/** Reads `fleet_store_*` from Prometheus text. */
export function storeGauges(text: string): StoreGauges {
  const sums = parsePrometheus(text);
  const bytes: Record<string, number> = {};
  for (const match of text.matchAll(/^fleet_store_bytes\{tier="([^"]+)"\}\s+(\S+)/gm))
    bytes[match[1] as string] = Number(match[2]);
  return {
    valuesWritten: sums.get("fleet_store_values_written") ?? null,
    samplesDropped: sums.get("fleet_store_samples_dropped") ?? null,
    bufferedBytes: sums.get("fleet_store_buffered_bytes") ?? null,
    bytes,
  };
}

/** Fetches `/metrics` and reads the store's gauges. */
export async function readStoreGauges(url: string): Promise<StoreGauges> {
  const response = await fetch(`${url}/metrics`, { signal: AbortSignal.timeout(5000) });
  return storeGauges(await response.text());
}

/**
 * Waits until `pid` uses less than `belowPct` of a core over `windowMs` (its store's maintenance,
 * compaction after a backfill, has settled), at most `maxMs`; resolves the ms waited, or null
 * when it never settled.
 */
export async function waitForIdle(
  pid: number,
  { windowMs = 10_000, belowPct = 15, maxMs = 10 * 60_000 } = {},
): Promise<number | null> {
  const started = performance.now();
  while (performance.now() - started < maxMs) {
    const before = cpuSeconds(pid);
    await new Promise((done) => setTimeout(done, windowMs));
    const after = cpuSeconds(pid);
    if (before === null || after === null) return null;
    if ((100 * (after - before) * 1000) / windowMs < belowPct) return Math.round(performance.now() - started);
  }
  return null;
}
