import { describe, expect, it } from "vitest";
import { createFrameScheduler } from "./frameScheduler";

/** A fake requestAnimationFrame: frames run only when the test calls `frame()`. */
function fakeRaf() {
  let callbacks: ((time: number) => void)[] = [];
  return {
    raf: (callback: (time: number) => void) => {
      callbacks.push(callback);
      return callbacks.length;
    },
    cancelRaf: () => {
      callbacks = [];
    },
    get requested() {
      return callbacks.length;
    },
    async frame() {
      const run = callbacks;
      callbacks = [];
      for (const callback of run) callback(0);
      // Let the scheduler's cost measurement (a microtask) run.
      await Promise.resolve();
    },
  };
}

describe("createFrameScheduler", () => {
  it("coalesces many notifications into one flush per frame", async () => {
    const frames = fakeRaf();
    const flushes: string[][] = [];
    const scheduler = createFrameScheduler({ ...frames, flush: (keys) => flushes.push([...keys]) });
    for (let i = 0; i < 1000; i++) scheduler.markDirty(i % 3 === 0 ? "a" : "b");
    expect(frames.requested).toBe(1);
    expect(flushes).toEqual([]);
    await frames.frame();
    expect(flushes).toEqual([["a", "b"]]);
    expect(frames.requested).toBe(0);
    await frames.frame();
    expect(flushes).toHaveLength(1);
  });

  it("queues nothing beyond the set of series while frames do not run (hidden tab)", async () => {
    const frames = fakeRaf();
    const flushes: string[][] = [];
    const scheduler = createFrameScheduler({ ...frames, flush: (keys) => flushes.push([...keys]) });
    for (let i = 0; i < 100_000; i++) scheduler.markDirty(`device-${i % 5}`);
    expect(scheduler.pendingCount).toBe(5);
    expect(frames.requested).toBe(1);
    await frames.frame();
    expect(flushes).toEqual([["device-0", "device-1", "device-2", "device-3", "device-4"]]);
  });

  it("spreads updates round-robin over frames when a flush blows the budget", async () => {
    const frames = fakeRaf();
    let clock = 0;
    const flushes: string[][] = [];
    const scheduler = createFrameScheduler({
      ...frames,
      now: () => clock,
      budgetMs: 8,
      flush: (keys) => {
        flushes.push([...keys]);
        clock += 2 * keys.length; // every chart costs 2 ms to render
      },
    });
    const keys = Array.from({ length: 10 }, (_, i) => `k${i}`);
    for (const key of keys) scheduler.markDirty(key);
    await frames.frame();
    expect(flushes[0]).toHaveLength(10);
    expect(scheduler.maxPerFrame).toBe(4);

    for (const key of keys) scheduler.markDirty(key);
    await frames.frame();
    expect(flushes[1]).toEqual(["k0", "k1", "k2", "k3"]);
    // k0 changes again: it goes to the back of the queue, behind keys that waited longer.
    scheduler.markDirty("k0");
    await frames.frame();
    expect(flushes[2]).toEqual(["k4", "k5", "k6", "k7"]);
    await frames.frame();
    expect(flushes[3]).toEqual(["k8", "k9", "k0"]);
    expect(scheduler.pendingCount).toBe(0);
  });

  it("stops after dispose", async () => {
    const frames = fakeRaf();
    const flushes: string[][] = [];
    const scheduler = createFrameScheduler({ ...frames, flush: (keys) => flushes.push([...keys]) });
    scheduler.markDirty("a");
    scheduler.dispose();
    scheduler.markDirty("b");
    await frames.frame();
    expect(flushes).toEqual([]);
  });
});
