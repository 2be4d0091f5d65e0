/**
 * The simulated fleet: each device's model produces the samples due by `now` on a fixed grid
 * (`start + slot / rate`), so values depend only on seed and slot, never on timer jitter. Faults
 * live here too: random outages (`offlineRate`) and devices forced offline (`setOnline`). What
 * the fleet produces goes to a `SimSink`: the gateway (through the simulator source), the MQTT
 * publisher, or both.
 */
import type { DeviceKind } from "../../src/protocol/messages";
import { DEVICE_FACTORIES, type DeviceModel } from "./devices";
import { createRng, type Rng } from "./rng";
import type { RosterEntry } from "./roster";

/** Longest stall (seconds of samples) the clock catches up after; beyond, the slots are skipped. */
const MAX_CATCH_UP_SECONDS = 5;
/** Shortest and longest simulated outage with `offlineRate`, seconds. */
const OUTAGE_SECONDS = [5, 60] as const;

/** Where the simulated fleet's output goes. */
export interface SimSink {
  /** One sample, values in metric order (the array is reused: copy what you keep). */
  sample(device: SimDevice, time: number, values: readonly number[]): void;
  status(device: SimDevice, online: boolean, at: number): void;
  /** The device changed its own state (in place, in `device.model.state`). */
  state(device: SimDevice): void;
}

/** One simulated device: its model, its place on the sample grid and its outage state. */
export class SimDevice {
  readonly id: string;
  readonly kind: DeviceKind;
  readonly name: string;
  readonly rate: number;
  /** Set by `setOnline(false)`: offline until set online again. */
  forcedOffline = false;
  /** Slots left in a simulated outage. */
  outageSlots = 0;
  /** Next sample slot on the grid. */
  nextSlot = 0;
  /** Samples produced so far (slots while offline produce none). */
  produced = 0;
  /** Scratch array the model writes each sample into. */
  readonly sample: number[];

  constructor(
    entry: RosterEntry,
    readonly model: DeviceModel,
    readonly outageRng: Rng,
  ) {
    this.id = entry.id;
    this.kind = entry.kind;
    this.name = entry.name;
    this.rate = entry.rate;
    this.sample = model.metrics.map(() => 0);
  }

  get online(): boolean {
    return !this.forcedOffline && this.outageSlots === 0;
  }

  get commands() {
    return this.model.commands;
  }
}

/** Simulation settings: the seed, and the chance per device per second of an outage. */
export interface SimFleetOptions {
  seed: number;
  offlineRate: number;
}

/** All simulated devices, advanced together. */
export class SimFleet {
  readonly devices: SimDevice[];
  readonly byId = new Map<string, SimDevice>();

  constructor(
    roster: readonly RosterEntry[],
    private readonly options: SimFleetOptions,
    readonly startedAt: number,
  ) {
    this.devices = roster.map((entry) => {
      const model = DEVICE_FACTORIES[entry.kind](createRng(options.seed, `device:${entry.id}`));
      return new SimDevice(entry, model, createRng(options.seed, `outage:${entry.id}`));
    });
    for (const device of this.devices) this.byId.set(device.id, device);
  }

  /** Produces every sample due by `now` and reports it, with any status or state change, to `sink`. */
  tick(now: number, sink: SimSink): void {
    for (const device of this.devices) this.advance(device, now, sink);
  }

  /**
   * Produces one device's samples due by `now`. Devices are independent (each has its own random
   * streams), so advancing them one at a time yields what `tick` yields, in another order.
   */
  advance(device: SimDevice, now: number, sink: SimSink): void {
    const { rate, model } = device;
    const due = Math.floor(((now - this.startedAt) * rate) / 1000) + 1;
    const maxBehind = Math.ceil(rate * MAX_CATCH_UP_SECONDS);
    if (due - device.nextSlot > maxBehind) device.nextSlot = due - maxBehind;
    const dt = 1 / rate;
    while (device.nextSlot < due) {
      const slot = device.nextSlot++;
      const time = this.startedAt + Math.round((slot * 1000) / rate);
      if (model.sample(dt, device.sample)) sink.state(device);
      this.simulateOutage(device, time, sink);
      if (device.online) {
        device.produced++;
        sink.sample(device, time, device.sample);
      }
    }
  }

  private simulateOutage(device: SimDevice, time: number, sink: SimSink): void {
    if (device.outageSlots > 0) {
      device.outageSlots--;
      if (device.online) sink.status(device, true, time);
      return;
    }
    const { offlineRate } = this.options;
    if (offlineRate <= 0 || device.forcedOffline) return;
    if (device.outageRng.chance(offlineRate / device.rate)) {
      const seconds = device.outageRng.range(OUTAGE_SECONDS[0], OUTAGE_SECONDS[1]);
      device.outageSlots = Math.max(1, Math.round(seconds * device.rate));
      sink.status(device, false, time);
    }
  }

  /** Forces a device offline (until set online again) or back online; reports a change to `sink`. */
  setOnline(device: SimDevice, online: boolean, at: number, sink: SimSink): void {
    const was = device.online;
    device.forcedOffline = !online;
    if (online) device.outageSlots = 0;
    if (was !== device.online) sink.status(device, device.online, at);
  }
}
