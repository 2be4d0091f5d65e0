/**
 * CPU time and resident memory of a process, read from /proc/<pid>/stat and /proc/<pid>/status
 * (Linux). A `CpuMeter` turns two readings into a CPU share of one core.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";

/** Clock ticks per second of /proc's utime/stime (`getconf CLK_TCK`, 100 on Linux). */
const CLK_TCK = (() => {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** User + system CPU seconds used so far by `pid`, or null when it is gone. */
export function cpuSeconds(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) may hold spaces; the fields after its ")" are fixed.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const utime = Number(fields[11]);
    const stime = Number(fields[12]);
    return (utime + stime) / CLK_TCK;
  } catch {
    return null;
  }
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
