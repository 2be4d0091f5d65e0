import { describe, expect, it } from "vitest";
import type { ConnectionStats } from "./dashboardTypes";
import { LinkHistory } from "./linkHistory";

const stats = (rttMs: number | undefined, messagesPerSecond: number) =>
  ({ rttMs, messagesPerSecond, bytesPerSecond: messagesPerSecond * 100 }) as ConnectionStats;

describe("LinkHistory", () => {
  it("keeps the points after `from`, oldest first, a missing rtt as a break", () => {
    const history = new LinkHistory();
    history.push(1000, stats(undefined, 1));
    history.push(2000, stats(20, 2));
    history.push(3000, stats(30, 3));
    expect(history.points("rttMs", 0)).toEqual([
      { t: 1000, v: null },
      { t: 2000, v: 20 },
      { t: 3000, v: 30 },
    ]);
    expect(history.points("bytesPerSecond", 2000)).toEqual([
      { t: 2000, v: 200 },
      { t: 3000, v: 300 },
    ]);
  });

  it("is bounded: an hour of snapshots keeps the newest 1024", () => {
    const history = new LinkHistory();
    for (let i = 0; i < 3600; i++) history.push(i * 1000, stats(i, i));
    expect(history.length).toBe(1024);
    const points = history.points("messagesPerSecond", 0);
    expect(points[0]).toEqual({ t: (3600 - 1024) * 1000, v: 3600 - 1024 });
    expect(points.at(-1)).toEqual({ t: 3599_000, v: 3599 });
  });
});
