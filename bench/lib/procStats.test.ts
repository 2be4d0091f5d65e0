import { describe, expect, it } from "vitest";
import {
  CpuMeter,
  cpuSeconds,
  parseRssBreakdown,
  rssBreakdown,
  rssMb,
  threadCpuSeconds,
  threadShares,
} from "./procStats";

describe("procStats", () => {
  it("reads this process's CPU time and RSS", () => {
    const cpu = cpuSeconds(process.pid);
    expect(cpu).toBeGreaterThan(0);
    const rss = rssMb(process.pid);
    expect(rss).toBeGreaterThan(10);
    expect(Math.abs((rss ?? 0) - process.memoryUsage().rss / 2 ** 20)).toBeLessThan(50);
  });

  it("is null for a process that does not exist", () => {
    expect(cpuSeconds(2 ** 22 + 1)).toBeNull();
    expect(rssMb(2 ** 22 + 1)).toBeNull();
  });

  // Other processes share the 2 cores, so the floor is low; a broken meter reads about 0.
  it("measures a busy loop as a sizeable share of one core", () => {
    const meter = new CpuMeter(process.pid);
    meter.start();
    const until = performance.now() + 300;
    let spin = 0;
    while (performance.now() < until) spin++;
    expect(spin).toBeGreaterThan(0);
    expect(meter.read()).toBeGreaterThan(20);
    expect(meter.read()).toBeLessThan(210);
  });

  it("splits this process's CPU by thread, the busy main thread first", () => {
    const before = threadCpuSeconds(process.pid);
    expect(before.has(process.pid)).toBe(true);
    const started = performance.now();
    while (performance.now() - started < 300);
    const shares = threadShares(before, threadCpuSeconds(process.pid), (performance.now() - started) / 1000);
    // Under other sessions' load the loop may get a few % of a core; it is still the busiest.
    expect(shares[0]?.tid).toBe(process.pid);
    expect(shares[0]?.pct).toBeGreaterThan(0);
    expect(threadCpuSeconds(2 ** 22 + 1).size).toBe(0);
  });

  it("splits RSS into anonymous, file and shared memory", () => {
    // Lines recorded from a Chromium renderer's /proc/<pid>/status.
    const status = [
      "VmHWM:\t 1204736 kB",
      "VmRSS:\t 1135616 kB",
      "RssAnon:\t  921600 kB",
      "RssFile:\t  122880 kB",
      "RssShmem:\t   91136 kB",
    ].join("\n");
    expect(parseRssBreakdown(status)).toEqual({ rss: 1109, anon: 900, file: 120, shmem: 89 });
    expect(parseRssBreakdown("Name:\tchromium\n")).toBeNull();
    const own = rssBreakdown(process.pid);
    expect(own?.anon).toBeGreaterThan(0);
    expect(rssBreakdown(2 ** 22 + 1)).toBeNull();
  });
});
