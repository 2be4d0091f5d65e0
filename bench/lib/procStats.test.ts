import { describe, expect, it } from "vitest";
import { CpuMeter, cpuSeconds, rssMb } from "./procStats";

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
});
