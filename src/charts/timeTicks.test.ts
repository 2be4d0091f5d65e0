import { afterEach, describe, expect, it, vi } from "vitest";
import { MIN_TICK_SPACING_PX, timeTicks } from "./timeTicks";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
// Node rereads TZ when it is assigned, which vi.stubEnv does.
afterEach(() => vi.unstubAllEnvs());

describe("timeTicks", () => {
  it("puts a live window's ticks on round times, no closer than the spacing, all inside", () => {
    const to = Date.UTC(2026, 10, 30, 1, 2, 3, 456);
    const from = to - 15 * MINUTE;
    const { ticks, stepMs } = timeTicks(from, to, 1000);
    expect(stepMs).toBe(2 * MINUTE);
    expect(ticks.length).toBe(8); // 00:48 to 01:02
    for (const t of ticks) {
      expect(t % stepMs).toBe(0);
      expect(t).toBeGreaterThanOrEqual(from);
      expect(t).toBeLessThanOrEqual(to);
    }
    expect((stepMs / (to - from)) * 1000).toBeGreaterThanOrEqual(MIN_TICK_SPACING_PX);
  });

  it("keeps a tick's time as the window slides, so its label keeps its text", () => {
    const to = Date.UTC(2026, 10, 30, 1, 2, 3);
    const before = timeTicks(to - 5 * MINUTE, to, 600).ticks;
    const after = timeTicks(to - 5 * MINUTE + 900, to + 900, 600).ticks;
    expect(after.filter((t) => before.includes(t)).length).toBeGreaterThanOrEqual(before.length - 1);
  });

  it("narrows the step with the width and widens it with the span", () => {
    const to = Date.UTC(2026, 10, 30);
    expect(timeTicks(to - MINUTE, to, 1200).stepMs).toBe(5_000);
    expect(timeTicks(to - MINUTE, to, 300).stepMs).toBe(30_000);
    expect(timeTicks(to - 7 * DAY, to, 1000).stepMs).toBe(DAY);
  });

  it("puts hour steps on whole local hours in a zone at +05:30, and days on local midnight", () => {
    vi.stubEnv("TZ", "Asia/Kolkata");
    const to = Date.UTC(2026, 10, 30, 12, 17);
    const hours = timeTicks(to - DAY, to, 1000);
    expect(hours.stepMs).toBe(3 * HOUR);
    for (const t of hours.ticks) {
      const local = new Date(t);
      expect([local.getMinutes(), local.getHours() % 3]).toEqual([0, 0]);
    }
    const days = timeTicks(to - 30 * DAY, to, 1000, 128);
    expect(days.stepMs).toBe(7 * DAY);
    expect(days.ticks.length).toBeGreaterThanOrEqual(4);
    for (const t of days.ticks) {
      const local = new Date(t);
      expect([local.getDay(), local.getHours(), local.getMinutes()]).toEqual([1, 0, 0]); // Monday midnight
    }
  });

  it("has no ticks for an empty span or an unmeasured plot", () => {
    expect(timeTicks(10, 10, 500).ticks).toEqual([]);
    expect(timeTicks(0, 1000, 0).ticks).toEqual([]);
    expect(timeTicks(0, 1000, -20).ticks).toEqual([]);
  });
});
