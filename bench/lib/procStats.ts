/**
 * CPU time and resident memory of a process, read from /proc/<pid>/stat and /proc/<pid>/status
 * (Linux). A `CpuMeter` turns two readings into a CPU share of one core.
 */
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";

/** Clock ticks per second of /proc's utime/stime (`getconf CLK_TCK`, 100 on Linux). */
const CLK_TCK = (() => {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** User + system CPU seconds in a /proc `stat` file, or null when it is gone. */
function statSeconds(path: string): number | null {
  try {
    const stat = readFileSync(path, "utf8");
    // The command name (field 2) may hold spaces; the fields after its ")" are fixed.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const utime = Number(fields[11]);
    const stime = Number(fields[12]);
    return (utime + stime) / CLK_TCK;
  } catch {
    return null;
  }
}

/** User + system CPU seconds used so far by `pid`, or null when it is gone. */
export function cpuSeconds(pid: number): number | null {
  return statSeconds(`/proc/${pid}/stat`);
}

/**
 * CPU seconds of each thread of `pid` so far, by thread id, in creation order (Node's threads are
 * all named `node`: the main thread first, then V8's platform threads, libuv's pool as it starts,
 * worker threads). Empty when the process is gone.
 */
export function threadCpuSeconds(pid: number): Map<number, number> {
  const threads = new Map<number, number>();
  let tids: number[] = [];
  try {
    tids = readdirSync(`/proc/${pid}/task`)
      .map(Number)
      .sort((a, b) => a - b);
  } catch {
    return threads;
  }
  for (const tid of tids) {
    const seconds = statSeconds(`/proc/${pid}/task/${tid}/stat`);
    if (seconds !== null) threads.set(tid, seconds);
  }
  return threads;
}

/** Per-thread % of one core between two `threadCpuSeconds` readings `seconds` apart, busiest first. */
export function threadShares(before: Map<number, number>, after: Map<number, number>, seconds: number) {
  return [...after]
    .map(([tid, cpu]) => ({ tid, pct: (100 * (cpu - (before.get(tid) ?? 0))) / seconds }))
    .sort((a, b) => b.pct - a.pct);
}

/** Resident set size of `pid` in MB (VmRSS), or null when it is gone. */
export function rssMb(pid: number): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** Resident memory of a process by kind, MB (/proc/<pid>/status). */
export interface RssBreakdown {
  rss: number;
  /** Private anonymous pages: heaps (malloc, PartitionAlloc, V8), and tiles in software compositing. */
  anon: number;
  /** Mapped files: the binary, fonts, locale data. */
  file: number;
  /** Shared memory: buffers handed to other processes (raster tiles, canvases, IPC). */
  shmem: number;
}

/** Parses the Rss* lines of a /proc `status` file (kB) into MB; null without VmRSS. */
export function parseRssBreakdown(status: string): RssBreakdown | null {
  const kb = (field: string) => {
    const match = new RegExp(`^${field}:\\s+(\\d+)\\s+kB`, "m").exec(status);
    return match ? Number(match[1]) / 1024 : null;
  };
  const rss = kb("VmRSS");
  if (rss === null) return null;
  return { rss, anon: kb("RssAnon") ?? 0, file: kb("RssFile") ?? 0, shmem: kb("RssShmem") ?? 0 };
}

/** `parseRssBreakdown` of `pid`, or null when it is gone. */
export function rssBreakdown(pid: number): RssBreakdown | null {
  try {
    return parseRssBreakdown(readFileSync(`/proc/${pid}/status`, "utf8"));
  } catch {
    return null;
  }
}

/** CPU share of a process between `start()` and `read()`, in percent of one core. */
export class CpuMeter {
  private cpu0 = 0;
  private wall0 = 0;

  constructor(private readonly pid: number) {}

  start(): void {
    this.cpu0 = cpuSeconds(this.pid) ?? 0;
    this.wall0 = performance.now();
  }

  read(): number | null {
    const cpu = cpuSeconds(this.pid);
    const wall = (performance.now() - this.wall0) / 1000;
    if (cpu === null || wall <= 0) return null;
    return (100 * (cpu - this.cpu0)) / wall;
  }
}
