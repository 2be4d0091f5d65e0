import { describe, expect, it } from "vitest";
import type { DeviceInfo } from "../protocol/messages";
import { createFrameScheduler } from "./frameScheduler";
import { bufferCapacity } from "./ringBuffer";
import { SeriesRegistry } from "./seriesRegistry";

function device(id: string, rate: number): DeviceInfo {
  return {
    id,
    kind: "meter",
    name: id,
    online: true,
    rate,
    state: {},
    commands: [],
    metrics: [
      { key: "power", label: "Power", unit: "W", min: 0, max: 5000 },
      { key: "voltage", label: "Voltage", unit: "V", min: 200, max: 250 },
    ],
  };
}

describe("SeriesRegistry", () => {
  it("keeps memory bounded over a long ingest (a simulated day of 10 Hz data)", () => {
    const registry = new SeriesRegistry(60);
    registry.setFleet([device("m1", 10), device("m2", 10), device("m3", 2)]);
    const flushed: string[][] = [];
    const scheduler = createFrameScheduler({ raf: () => 1, flush: (keys) => flushed.push([...keys]) });
    const batch = 5;
    const t = new Array<number>(batch).fill(0);
    const power = new Array<number>(batch).fill(0);
    const voltage = new Array<number>(batch).fill(230);
    let capacityAfterFirstHour = 0;
    // 24 h at 10 Hz: 864 000 samples per device, wrapping each buffer over a hundred times.
    const batches = (24 * 3600 * 10) / batch;
    for (let b = 0; b < batches; b++) {
      const seq = b * batch + 1;
      for (let i = 0; i < batch; i++) {
        t[i] = (seq + i) * 100;
        power[i] = (seq + i) % 5000;
      }
      for (const id of ["m1", "m2", "m3"]) {
        registry.ingest({ device: id, seq, t, values: { power, voltage } });
        scheduler.markDirty(id);
      }
      if (b === 7200) capacityAfterFirstHour = registry.totalCapacity;
    }
    expect(registry.get("m1")?.length).toBe(bufferCapacity(60, 10));
    expect(registry.get("m3")?.length).toBe(bufferCapacity(60, 2));
    expect(registry.totalCapacity).toBe(capacityAfterFirstHour);
    expect(registry.totalCapacity).toBe(2 * bufferCapacity(60, 10) + bufferCapacity(60, 2));
    // With frames never running (a hidden tab), the dirty set holds each series once.
    expect(scheduler.pendingCount).toBe(3);
    expect(flushed).toEqual([]);
    const m1 = registry.get("m1");
    expect(m1?.resumeCursor).toBe(batches * batch);
    expect(m1?.seqAt(0)).toBe(batches * batch - bufferCapacity(60, 10) + 1);
  });

  it("ignores unknown devices and drops buffers whose device changed shape", () => {
    const registry = new SeriesRegistry(60);
    registry.setFleet([device("m1", 10)]);
    expect(registry.ingest({ device: "ghost", seq: 1, t: [1], values: {} })).toBe(0);
    expect(registry.ingest({ device: "m1", seq: 1, t: [1, 2], values: { power: [1, 2] } })).toBe(2);
    expect(registry.resumeCursors(["m1", "ghost"])).toEqual({ m1: 2 });
    registry.setFleet([{ ...device("m1", 10), metrics: [] }]);
    expect(registry.get("m1")).toBeUndefined();
  });

  it("frees the buffers of devices unwatched for the grace period, and only those", () => {
    const registry = new SeriesRegistry(900);
    registry.setFleet([device("a", 10), device("b", 10), device("c", 10)]);
    for (const id of ["a", "b", "c"]) registry.ingest({ device: id, seq: 1, t: [1], values: { power: [1] } });
    const grace = 10_000;
    expect(registry.releaseUnwatched(new Set(["a", "b", "c"]), 0, grace)).toEqual([]);
    // b and c leave the screen; b comes back before the grace is over.
    expect(registry.releaseUnwatched(new Set(["a"]), 1000, grace)).toEqual([]);
    expect(registry.releaseUnwatched(new Set(["a", "b"]), 5000, grace)).toEqual([]);
    expect(registry.releaseUnwatched(new Set(["a"]), 10_999, grace)).toEqual([]);
    expect(registry.releaseUnwatched(new Set(["a"]), 11_000, grace)).toEqual(["c"]);
    expect(registry.get("c")).toBeUndefined();
    expect([...registry.ids()].sort()).toEqual(["a", "b"]);
    // b's clock restarted when it came back: it is freed a grace period after it left again.
    expect(registry.releaseUnwatched(new Set(["a"]), 15_000, grace)).toEqual([]);
    expect(registry.releaseUnwatched(new Set(["a"]), 21_000, grace)).toEqual(["b"]);
    // A frame in flight when c was unsubscribed recreates its buffer: it is freed again.
    registry.ingest({ device: "c", seq: 2, t: [2], values: { power: [2] } });
    expect(registry.releaseUnwatched(new Set(["a"]), 22_000, grace)).toEqual([]);
    expect(registry.releaseUnwatched(new Set(["a"]), 32_000, grace)).toEqual(["c"]);
    expect(registry.totalCapacity).toBe(bufferCapacity(900, 10));
  });
});
