import { describe, expect, it } from "vitest";
import type { DataEntry } from "../protocol/messages";
import { createBenchProbe } from "./benchProbe";

const entry = (device: string, seq: number, t: number[]): DataEntry => ({
  device,
  seq,
  t,
  values: { a: t.map(() => 1), b: t.map(() => 2) },
});

describe("createBenchProbe", () => {
  it("counts received, stored and lost values per device", () => {
    const { probe, hook } = createBenchProbe(() => {});
    probe.entry(entry("d1", 1, [10, 20]), 2, false, 2);
    probe.entry(entry("d1", 6, [60]), 1, false, 2); // seq 3..5 never arrived
    probe.entry(entry("d1", 6, [60]), 0, true, 2); // a replayed duplicate: received, not stored
    expect(hook.receivedValues()).toBe(8);
    expect(hook.storedValues()).toBe(6);
    expect(hook.lostValues()).toBe(6);
  });

  it("does not count samples a replay delivered before live data went on", () => {
    const { probe, hook } = createBenchProbe(() => {});
    probe.entry(entry("d1", 1, [10, 20]), 2, false, 2);
    // The card scrolled away and back: resume replays seq 3..5, then live continues at 6.
    probe.entry(entry("d1", 3, [30, 40, 50]), 3, true, 2);
    probe.entry(entry("d1", 6, [60]), 1, false, 2);
    expect(hook.lostValues()).toBe(0);
  });

  it("hands each flushed device's sample times to commit listeners once", () => {
    const { probe, hook } = createBenchProbe(() => {});
    const commits: number[][] = [];
    const stop = hook.onCommit((times) => commits.push(Array.from(times)));
    probe.entry(entry("d1", 1, [10, 20]), 2, false, 2);
    probe.entry(entry("d2", 1, [15]), 1, false, 2);
    probe.entry(entry("d3", 1, [5]), 1, true, 2); // replayed: not a live latency sample
    probe.flushed(["d3"]);
    probe.flushed(["d1"]);
    probe.flushed(["d1"]);
    probe.flushed(["d2"]);
    stop();
    probe.entry(entry("d1", 3, [30]), 1, false, 2);
    probe.flushed(["d1"]);
    expect(commits).toEqual([[10, 20], [15]]);
  });

  it("delegates watch to the dashboard", () => {
    const watched: Array<string[] | "*"> = [];
    const { hook } = createBenchProbe((ids) => watched.push(ids));
    hook.watch("*");
    hook.watch(["a"]);
    expect(watched).toEqual(["*", ["a"]]);
  });
});
