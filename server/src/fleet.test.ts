import { describe, expect, it } from "vitest";
import { type DeviceSpec, Fleet } from "./fleet";

function spec(id: string): DeviceSpec {
  return {
    id,
    kind: "meter",
    name: id,
    rate: 10,
    metrics: [{ key: "power", label: "Power", unit: "W", min: 0, max: 100, decimals: 1 }],
    commands: [],
    state: {},
    online: true,
  };
}

function fleetOf(count: number): Fleet {
  const fleet = new Fleet(60);
  for (let i = 0; i < count; i++) fleet.add(spec(`m-${i}`));
  return fleet;
}

describe("Fleet", () => {
  it("builds one shared frame per subscription set per tick", () => {
    const fleet = fleetOf(3);
    fleet.beginTick();
    for (const device of fleet.devices) fleet.record(device, 1000, [1.25]);
    fleet.endTick();
    const set = fleet.devices.slice(0, 2);
    const frame = fleet.frameFor("a,b", set);
    expect(fleet.frameFor("a,b", set)).toBe(frame);
    const parsed = JSON.parse(String(frame));
    expect(parsed.type).toBe("data");
    expect(parsed.batch.map((entry: { device: string }) => entry.device)).toEqual(set.map((d) => d.id));
    expect(parsed.batch[0].values.power).toEqual([1.3]);
    fleet.beginTick();
    fleet.endTick();
    expect(fleet.frameFor("a,b", set)).toBeNull();
  });

  it("gives samples recorded between ticks their seq at the next tick, in order", () => {
    const fleet = fleetOf(1);
    const device = fleet.devices[0];
    if (!device) throw new Error("no device");
    fleet.record(device, 1000, [1]);
    fleet.record(device, 1100, [2]);
    expect(device.history.lastSeq).toBe(0);
    fleet.beginTick();
    fleet.endTick();
    expect(device.history.lastSeq).toBe(2);
    expect(JSON.parse(device.tickEntry ?? "")).toEqual({
      device: "m-0",
      seq: 1,
      t: [1000, 1100],
      values: { power: [1, 2] },
    });
  });

  it("reports a status change once, and refuses a duplicate id", () => {
    const fleet = fleetOf(1);
    const device = fleet.devices[0];
    if (!device) throw new Error("no device");
    expect(fleet.setOnline(device, false, 5)).toEqual({ type: "status", device, online: false, at: 5 });
    expect(fleet.setOnline(device, false, 6)).toBeUndefined();
    expect(() => fleet.add(spec("m-0"))).toThrow('device "m-0" already exists');
  });
});
