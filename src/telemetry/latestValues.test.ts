import { describe, expect, it } from "vitest";
import { LatestValues } from "./latestValues";

const entry = (device: string, seq: number, t: number[], power: number[]) => ({
  device,
  seq,
  t,
  values: { power },
});

describe("LatestValues", () => {
  it("keeps each device's last sample and reports what changed since a version", () => {
    const latest = new LatestValues();
    latest.apply([entry("a", 10, [1000], [5]), entry("b", 3, [900, 1000], [1, 2])]);
    const v1 = latest.version;
    expect(latest.get("a")).toMatchObject({ seq: 10, t: 1000, values: { power: 5 } });
    expect(latest.get("b")).toMatchObject({ seq: 4, t: 1000, values: { power: 2 } });

    latest.apply([entry("a", 11, [1100], [6])]);
    expect([...latest.changedSince(v1)].map(([id]) => id)).toEqual(["a"]);
    expect([...latest.changedSince(0)].map(([id]) => id).sort()).toEqual(["a", "b"]);
  });

  it("ignores repeated or older samples, and empty entries, without bumping the version", () => {
    const latest = new LatestValues();
    latest.apply([entry("a", 10, [1000], [5])]);
    const version = latest.version;
    latest.apply([entry("a", 10, [1000], [7]), entry("a", 9, [900], [8]), entry("b", 1, [], [])]);
    expect(latest.version).toBe(version);
    expect(latest.get("a")?.values.power).toBe(5);
    expect(latest.get("b")).toBeUndefined();
  });

  it("forgets everything on a new session", () => {
    const latest = new LatestValues();
    latest.apply([entry("a", 500, [1000], [5])]);
    latest.clear();
    latest.apply([entry("a", 1, [2000], [9])]);
    expect(latest.get("a")).toMatchObject({ seq: 1, values: { power: 9 } });
  });
});
