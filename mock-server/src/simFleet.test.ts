import { describe, expect, it } from "vitest";
import { Fleet } from "./fleet";
import { buildRoster } from "./roster";

const START = 1_700_000_000_000;

function fleetOf(seed: number, offlineRate = 0): Fleet {
  const roster = buildRoster({ seed, rate: 20, devices: 8 });
  return new Fleet(roster, { seed, history: 600, offlineRate }, START);
}

/** Ticks `fleet` every `stepMs` of simulated time until `endMs` after the start. */
function runClock(fleet: Fleet, stepMs: number, endMs: number): void {
  for (let t = stepMs; t < endMs; t += stepMs) fleet.tick(START + t);
  fleet.tick(START + endMs);
}

describe("Fleet", () => {
  it("produces the same samples whatever the tick timing: values depend on seed and slot only", () => {
    const steady = fleetOf(3, 0.05);
    const jittery = fleetOf(3, 0.05);
    runClock(steady, 10, 60_000);
    runClock(jittery, 137, 60_000);
    for (const device of steady.devices) {
      const other = jittery.byId.get(device.id);
      expect(other?.history.lastSeq).toBe(device.history.lastSeq);
      expect(other?.encode(1, device.history.lastSeq)).toBe(device.encode(1, device.history.lastSeq));
    }
    // With an offline rate, some device must have missed samples, identically in both.
    expect(steady.devices.some((d) => d.history.lastSeq < 20 * 60)).toBe(true);
  });

  it("samples on a fixed grid of 1000/rate ms from the start", () => {
    const fleet = fleetOf(1);
    fleet.tick(START + 120);
    const device = fleet.devices[0];
    expect(device?.history.lastSeq).toBe(3);
    expect([1, 2, 3].map((seq) => device?.history.timeOf(seq))).toEqual([START, START + 50, START + 100]);
  });

  it("builds one shared frame per subscription set per tick", () => {
    const fleet = fleetOf(1);
    fleet.tick(START + 100);
    const set = fleet.devices.slice(0, 2);
    const frame = fleet.frameFor("a,b", set);
    expect(fleet.frameFor("a,b", set)).toBe(frame);
    const parsed = JSON.parse(String(frame));
    expect(parsed.type).toBe("data");
    expect(parsed.batch.map((entry: { device: string }) => entry.device)).toEqual(set.map((d) => d.id));
    fleet.tick(START + 200);
    expect(fleet.frameFor("a,b", set)).not.toBe(frame);
  });

  it("sends no frame for a tick in which none of the set's devices produced a sample", () => {
    const fleet = fleetOf(1);
    fleet.tick(START + 10);
    fleet.tick(START + 20);
    expect(fleet.frameFor("*", fleet.devices)).toBeNull();
  });

  it("consumes no seq while a device is offline", () => {
    const fleet = fleetOf(1);
    const device = fleet.devices[0];
    if (!device) throw new Error("no device");
    fleet.tick(START + 1000);
    const before = device.history.lastSeq;
    expect(fleet.setOnline(device, false, START + 1000)).toMatchObject({ type: "status", online: false });
    fleet.tick(START + 2000);
    expect(device.history.lastSeq).toBe(before);
    expect(fleet.setOnline(device, true, START + 2000)).toMatchObject({ type: "status", online: true });
    fleet.tick(START + 2100);
    expect(device.history.lastSeq).toBe(before + 2);
    expect(fleet.setOnline(device, true, START + 2100)).toBeUndefined();
  });
});
