import { describe, expect, it } from "vitest";
import { buildRoster } from "./roster";
import { type SimDevice, SimFleet, type SimSink } from "./simFleet";

const START = 1_700_000_000_000;

/** Records what the simulated fleet reports: samples per device, and status changes. */
function recorder() {
  const samples = new Map<string, { time: number; values: number[] }[]>();
  const statuses: { id: string; online: boolean; at: number }[] = [];
  const sink: SimSink = {
    sample: (device, time, values) => {
      const list = samples.get(device.id) ?? [];
      list.push({ time, values: [...values] });
      samples.set(device.id, list);
    },
    status: (device, online, at) => statuses.push({ id: device.id, online, at }),
    state: () => {},
  };
  const of = (device: SimDevice | undefined) => samples.get(device?.id ?? "") ?? [];
  return { sink, samples, statuses, of };
}

function fleetOf(seed: number, offlineRate = 0): SimFleet {
  const roster = buildRoster({ seed, rate: 20, devices: 8 });
  return new SimFleet(roster, { seed, offlineRate }, START);
}

/** Ticks `fleet` every `stepMs` of simulated time until `endMs` after the start. */
function runClock(fleet: SimFleet, sink: SimSink, stepMs: number, endMs: number): void {
  for (let t = stepMs; t < endMs; t += stepMs) fleet.tick(START + t, sink);
  fleet.tick(START + endMs, sink);
}

describe("SimFleet", () => {
  it("produces the same samples whatever the tick timing: values depend on seed and slot only", () => {
    const steady = recorder();
    const jittery = recorder();
    const steadyFleet = fleetOf(3, 0.05);
    runClock(steadyFleet, steady.sink, 10, 60_000);
    runClock(fleetOf(3, 0.05), jittery.sink, 137, 60_000);
    for (const device of steadyFleet.devices) {
      expect(jittery.of(device)).toEqual(steady.of(device));
      expect(steady.of(device).length).toBe(device.produced);
    }
    // With an offline rate, some device must have missed samples, identically in both.
    expect(steadyFleet.devices.some((d) => d.produced < 20 * 60)).toBe(true);
    expect(jittery.statuses).toEqual(steady.statuses);
  });

  it("produces the same samples advanced device by device as ticked together (the backfill's order)", () => {
    const together = recorder();
    const fleet = fleetOf(5, 0.05);
    runClock(fleet, together.sink, 1000, 90_000);
    const alone = recorder();
    const separate = fleetOf(5, 0.05);
    for (const device of separate.devices) {
      for (let t = 1000; t < 45_000; t += 1000) separate.advance(device, START + t, alone.sink);
      separate.advance(device, START + 45_000 - 1, alone.sink);
      for (let t = 46_000; t < 90_000; t += 1000) separate.advance(device, START + t, alone.sink);
      separate.advance(device, START + 90_000, alone.sink);
    }
    for (const [i, device] of fleet.devices.entries()) {
      expect(alone.of(separate.devices[i])).toEqual(together.of(device));
      expect(together.of(device).length).toBeGreaterThan(0);
    }
    expect(alone.statuses.toSorted((a, b) => a.at - b.at || a.id.localeCompare(b.id))).toEqual(
      together.statuses.toSorted((a, b) => a.at - b.at || a.id.localeCompare(b.id)),
    );
  });

  it("samples on a fixed grid of 1000/rate ms from the start", () => {
    const fleet = fleetOf(1);
    const out = recorder();
    fleet.tick(START + 120, out.sink);
    const device = fleet.devices[0];
    expect(out.of(device).map((sample) => sample.time)).toEqual([START, START + 50, START + 100]);
  });

  it("produces nothing for a tick in which no slot fell due", () => {
    const fleet = fleetOf(1);
    const out = recorder();
    fleet.tick(START + 10, out.sink);
    const first = [...out.samples.values()].reduce((sum, list) => sum + list.length, 0);
    fleet.tick(START + 20, out.sink);
    const second = [...out.samples.values()].reduce((sum, list) => sum + list.length, 0);
    expect(first).toBe(fleet.devices.length);
    expect(second).toBe(first);
  });

  it("produces no sample while a device is forced offline, and reports each change once", () => {
    const fleet = fleetOf(1);
    const out = recorder();
    const device = fleet.devices[0] as SimDevice;
    fleet.tick(START + 1000, out.sink);
    const before = out.of(device).length;
    fleet.setOnline(device, false, START + 1000, out.sink);
    fleet.tick(START + 2000, out.sink);
    expect(out.of(device).length).toBe(before);
    fleet.setOnline(device, true, START + 2000, out.sink);
    fleet.tick(START + 2100, out.sink);
    expect(out.of(device).length).toBe(before + 2);
    fleet.setOnline(device, true, START + 2100, out.sink);
    expect(out.statuses).toEqual([
      { id: device.id, online: false, at: START + 1000 },
      { id: device.id, online: true, at: START + 2000 },
    ]);
  });
});
