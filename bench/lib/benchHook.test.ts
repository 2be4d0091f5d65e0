import { describe, expect, it } from "vitest";
import type { DataEntry } from "../../src/protocol/messages";
import { createBenchMeter, valueCount } from "./benchHook";

const entry = (device: string, seq: number, t: number[]): DataEntry => ({
  device,
  seq,
  t,
  values: { a: t.map(() => 1), b: t.map(() => 2), c: t.map(() => 3) },
});

describe("createBenchMeter", () => {
  it("counts the values received and, per device, the live seqs that never arrived", () => {
    const meter = createBenchMeter();
    const hook = meter.hook();
    meter.received(entry("d1", 1, [10, 20]));
    meter.received(entry("d2", 1, [10]));
    meter.received(entry("d1", 5, [50])); // seq 3 and 4 of d1 are missing
    meter.received(entry("d2", 2, [20]));
    meter.stored(9);
    expect(hook.receivedValues()).toBe(15);
    expect(hook.storedValues()).toBe(9);
    expect(hook.lostValues()).toBe(6);
  });

  it("lets a replay fill what a page missed without counting it lost", () => {
    const meter = createBenchMeter();
    meter.received(entry("d1", 1, [10]));
    meter.received(entry("d1", 4, [40, 50]), true);
    meter.received(entry("d1", 6, [60]));
    meter.received(entry("d1", 2, [20]), true); // older history, behind the cursor
    meter.received(entry("d1", 7, []));
    expect(meter.hook().lostValues()).toBe(0);
  });

  it("hands commits and ingest times to listeners until they unsubscribe", () => {
    const meter = createBenchMeter();
    const hook = meter.hook();
    expect(meter.listening).toBe(false);
    const commits: number[][] = [];
    const ingests: number[] = [];
    const stopCommits = hook.onCommit((times) => commits.push(Array.from(times)));
    hook.onIngest?.((ms) => ingests.push(ms));
    expect(meter.listening).toBe(true);
    meter.committed([1, 2]);
    meter.ingested(4.5);
    stopCommits();
    meter.committed([3]);
    expect(meter.listening).toBe(false);
    expect(commits).toEqual([[1, 2]]);
    expect(ingests).toEqual([4.5]);
  });

  it("delegates watch to the page, and does nothing for a page that watches everything", () => {
    const watched: Array<string[] | "*"> = [];
    createBenchMeter()
      .hook((ids) => watched.push(ids))
      .watch?.("*");
    expect(() => createBenchMeter().hook().watch?.(["a"])).not.toThrow();
    expect(watched).toEqual(["*"]);
  });

  it("counts the values of every metric an entry carries", () => {
    expect(valueCount(entry("d1", 1, [1, 2]))).toBe(6);
    expect(valueCount({ device: "d", seq: 1, t: [1], values: {} })).toBe(0);
  });
});
