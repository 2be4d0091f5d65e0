import { describe, expect, it, vi } from "vitest";
import type { DataEntry, DataMessage } from "../../../src/protocol/messages";
import type { DataStoredListener } from "../../../src/store/createDashboard";
import { createDashboardStore } from "../../../src/store/createDashboardStore";
import { attachDashboardProbe, type ProbedDashboard } from "./dashboardProbe";

const entry = (device: string, seq: number, t: number[]): DataEntry => ({
  device,
  seq,
  t,
  values: { a: t.map(() => 1), b: t.map(() => 2) },
});

/** A dashboard's observation points, driven by hand: socket frames, stored messages, flushes. */
function fakeDashboard() {
  const store = createDashboardStore();
  const frameListeners: (() => void)[] = [];
  const storedListeners: DataStoredListener[] = [];
  const watched: [string, readonly string[]][] = [];
  const dashboard: ProbedDashboard = {
    store,
    client: {
      on: ((event: string, listener: () => void) => {
        if (event === "frame") frameListeners.push(listener);
        return () => {};
      }) as ProbedDashboard["client"]["on"],
    },
    onDataStored(listener) {
      storedListeners.push(listener);
      return () => {};
    },
    watch(owner, ids) {
      watched.push([owner, ids]);
      return () => {};
    },
  };
  return {
    dashboard,
    watched,
    /** One socket frame carrying `batch`, of which `added[i]` samples were new to the buffers. */
    deliver(batch: DataEntry[], added: number[], replay = false) {
      for (const listener of frameListeners) listener();
      const message: DataMessage = replay ? { type: "data", batch, replay: true } : { type: "data", batch };
      for (const listener of storedListeners) listener(message, added);
    },
    flush: (ids: string[]) => store.getState().bumpSeries(ids, () => undefined),
  };
}

describe("attachDashboardProbe", () => {
  it("counts received, stored and lost values per device", () => {
    const fake = fakeDashboard();
    const hook = attachDashboardProbe(fake.dashboard);
    fake.deliver([entry("d1", 1, [10, 20])], [2]);
    fake.deliver([entry("d1", 6, [60])], [1]); // seq 3..5 never arrived
    fake.deliver([entry("d1", 6, [60])], [0], true); // a replayed duplicate: received, not stored
    expect(hook.receivedValues()).toBe(8);
    expect(hook.storedValues()).toBe(6);
    expect(hook.lostValues()).toBe(6);
  });

  it("does not count samples a replay delivered before live data went on", () => {
    const fake = fakeDashboard();
    const hook = attachDashboardProbe(fake.dashboard);
    fake.deliver([entry("d1", 1, [10, 20])], [2]);
    // The card scrolled away and back: resume replays seq 3..5, then live continues at 6.
    fake.deliver([entry("d1", 3, [30, 40, 50])], [3], true);
    fake.deliver([entry("d1", 6, [60])], [1]);
    // History the buffer already held (seq 7) is not replayed: a replay never counts as a gap.
    fake.deliver([entry("d1", 8, [80])], [1], true);
    fake.deliver([entry("d1", 9, [90])], [1]);
    expect(hook.lostValues()).toBe(0);
    expect(hook.storedValues()).toBe(16);
  });

  it("hands each flushed device's sample times to commit listeners once", () => {
    const fake = fakeDashboard();
    const hook = attachDashboardProbe(fake.dashboard);
    const commits: number[][] = [];
    const stop = hook.onCommit((times) => commits.push(Array.from(times)));
    fake.deliver([entry("d1", 1, [10, 20]), entry("d2", 1, [15])], [2, 1]);
    fake.deliver([entry("d3", 1, [5])], [1], true); // replayed: not a live latency sample
    fake.flush(["d3"]);
    fake.flush(["d1"]);
    fake.flush(["d1"]);
    fake.dashboard.store.getState().logEvent({ kind: "connection", level: "info", message: "not a flush" });
    fake.flush(["d2"]);
    stop();
    fake.deliver([entry("d1", 3, [30])], [1]);
    fake.flush(["d1"]);
    expect(commits).toEqual([[10, 20], [15]]);
  });

  it("times only the samples of the devices the page draws", () => {
    const fake = fakeDashboard();
    const hook = attachDashboardProbe(fake.dashboard, (id) => id === "shown");
    const commits: number[][] = [];
    hook.onCommit((times) => commits.push(Array.from(times)));
    fake.deliver([entry("shown", 1, [10]), entry("other", 1, [12])], [1, 1]);
    fake.flush(["other"]);
    fake.flush(["shown"]);
    expect(commits).toEqual([[10]]);
    // Received and stored still count every device.
    expect(hook.storedValues()).toBe(4);
  });

  it("reports each frame's socket-to-store time", () => {
    const fake = fakeDashboard();
    const hook = attachDashboardProbe(fake.dashboard);
    const times: number[] = [];
    hook.onIngest?.((ms) => times.push(ms));
    // performance.now() at the frame event, then when the message is stored, per frame.
    const clock = [100, 103.5, 200, 200.25];
    const now = vi.spyOn(performance, "now").mockImplementation(() => clock.shift() ?? 0);
    try {
      fake.deliver([entry("d1", 1, [10])], [1]);
      fake.deliver([entry("d1", 2, [20])], [1]);
    } finally {
      now.mockRestore();
    }
    expect(times).toEqual([3.5, 0.25]);
  });

  it("watches the listed devices, or the whole fleet for *", () => {
    const fake = fakeDashboard();
    const hook = attachDashboardProbe(fake.dashboard);
    fake.dashboard.store.getState().setFleet(
      ["a", "b"].map((id) => ({
        id,
        kind: "meter",
        name: id,
        online: true,
        rate: 1,
        metrics: [],
        commands: [],
        state: {},
      })),
      "s1",
    );
    hook.watch?.("*");
    hook.watch?.(["a"]);
    expect(fake.watched).toEqual([
      ["bench", ["a", "b"]],
      ["bench", ["a"]],
    ]);
  });
});
