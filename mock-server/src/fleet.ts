/**
 * The fleet clock: every tick, each online device produces the samples due at its rate, appends
 * them to its history and encodes them once as a data entry. Sessions then ask for one frame per
 * distinct subscription set, built once per tick and shared as a Buffer by every session with
 * that set. Samples fall on a fixed grid (`start + slot / rate`), so values depend only on seed
 * and slot, never on timer jitter.
 */
import type { CommandArgs, DeviceInfo, DeviceKind, SourceStatus } from "../../src/protocol/messages";
import { DEVICE_FACTORIES, type DeviceModel } from "./devices";
import { SampleHistory } from "./history";
import { createRng, type Rng } from "./rng";
import type { RosterEntry } from "./roster";

/** Longest stall (seconds of samples) the clock catches up after; beyond, the slots are skipped. */
const MAX_CATCH_UP_SECONDS = 5;
/** Shortest and longest simulated outage with `offlineRate`, seconds. */
const OUTAGE_SECONDS = [5, 60] as const;

/** Something sessions must hear about: a device went on/offline or changed state. */
/** News about one device: its status or state changed. */
export type DeviceEvent =
  | { type: "status"; device: SimDevice; online: boolean; at: number }
  | { type: "state"; device: SimDevice };

export type FleetEvent =
  | DeviceEvent
  /** A device joined after start-up (an MQTT source): every client hears of it. */
  | { type: "added"; device: SimDevice }
  /** The fleet source (the broker) connected or disconnected: every client hears of it. */
  | { type: "source"; source: SourceStatus };

/** One sample pushed by an external source (MQTT): epoch ms and one value per metric, in order. */
export interface ExternalSample {
  time: number;
  values: number[];
}

/**
 * One device: its model, history and per-tick output. Simulated devices produce samples from
 * their model; external ones (`incoming` set) produce exactly the samples a source pushed.
 */
export class SimDevice {
  readonly id: string;
  readonly kind: DeviceKind;
  readonly name: string;
  readonly rate: number;
  readonly history: SampleHistory;
  /** JSON-quoted id and metric keys, for hand-built frames. */
  readonly quotedId: string;
  readonly quotedKeys: string[];
  /** Set by `setOnline(false)`: offline until set online again. */
  forcedOffline = false;
  /** Slots left in a simulated outage. */
  outageSlots = 0;
  /** Next sample slot on the grid. */
  nextSlot = 0;
  /** `history.lastSeq` before the current tick's samples. */
  seqBeforeTick = 0;
  /** This tick's samples as an encoded data entry, if any. */
  tickEntry: string | undefined;
  readonly sample: number[];
  /**
   * External devices only: samples received since the last tick, appended (and given their seq)
   * at the next tick, so history only grows during ticks as it does for simulated devices.
   */
  incoming: ExternalSample[] | undefined;
  /** False while an external source says the device is offline (or lost its broker). */
  reachable = true;

  constructor(
    entry: RosterEntry,
    readonly index: number,
    readonly model: DeviceModel,
    historySeconds: number,
    readonly outageRng: Rng,
  ) {
    this.id = entry.id;
    this.kind = entry.kind;
    this.name = entry.name;
    this.rate = entry.rate;
    this.quotedId = JSON.stringify(entry.id);
    this.quotedKeys = model.metrics.map((metric) => JSON.stringify(metric.key));
    this.sample = model.metrics.map(() => 0);
    const capacity = Math.max(1, Math.ceil(historySeconds * entry.rate));
    this.history = new SampleHistory(capacity, model.metrics);
  }

  get online(): boolean {
    return !this.forcedOffline && this.outageSlots === 0 && this.reachable;
  }

  /** Encodes held samples `fromSeq..toSeq` as a data entry. */
  encode(fromSeq: number, toSeq: number): string {
    return this.history.encodeEntry(this.quotedId, this.quotedKeys, fromSeq, toSeq);
  }

  /** The device as announced in `welcome`. */
  describe(): DeviceInfo {
    return {
      id: this.id,
      kind: this.kind,
      name: this.name,
      online: this.online,
      rate: this.rate,
      metrics: this.model.metrics,
      commands: this.model.commands,
      state: { ...this.model.state },
    };
  }
}

/** Fleet settings: seed, seconds of history per device, and chance per device per second of an outage. */
export interface FleetOptions {
  seed: number;
  history: number;
  offlineRate: number;
}

/** All simulated devices and the clock that advances them. */
export class Fleet {
  readonly devices: SimDevice[];
  readonly byId = new Map<string, SimDevice>();
  private frames = new Map<string, Buffer | null>();

  constructor(
    roster: readonly RosterEntry[],
    private readonly options: FleetOptions,
    readonly startedAt: number,
  ) {
    this.devices = roster.map((entry, index) => {
      const model = DEVICE_FACTORIES[entry.kind](createRng(options.seed, `device:${entry.id}`));
      return new SimDevice(
        entry,
        index,
        model,
        options.history,
        createRng(options.seed, `outage:${entry.id}`),
      );
    });
    for (const device of this.devices) this.byId.set(device.id, device);
  }

  /** Produces every sample due by `now`; returns the status/state changes it caused. */
  tick(now: number): DeviceEvent[] {
    this.frames.clear();
    const events: DeviceEvent[] = [];
    for (const device of this.devices) this.advance(device, now, events);
    return events;
  }

  /**
   * Adds a device fed from outside (an MQTT source): it produces exactly the samples pushed into
   * its `incoming` queue. `model` carries its metrics, commands and state.
   */
  addExternal(entry: RosterEntry, model: DeviceModel): SimDevice {
    const rng = createRng(this.options.seed, `outage:${entry.id}`);
    const device = new SimDevice(entry, this.devices.length, model, this.options.history, rng);
    device.incoming = [];
    this.devices.push(device);
    this.byId.set(device.id, device);
    return device;
  }

  private advance(device: SimDevice, now: number, events: DeviceEvent[]): void {
    const { history, rate, model } = device;
    device.seqBeforeTick = history.lastSeq;
    device.tickEntry = undefined;
    if (device.incoming) {
      // A device forced offline (test hook) produces nothing, whatever it sends.
      if (!device.forcedOffline)
        for (const sample of device.incoming) history.append(sample.time, sample.values);
      device.incoming.length = 0;
      if (history.lastSeq > device.seqBeforeTick)
        device.tickEntry = device.encode(device.seqBeforeTick + 1, history.lastSeq);
      return;
    }
    const due = Math.floor(((now - this.startedAt) * rate) / 1000) + 1;
    const maxBehind = Math.ceil(rate * MAX_CATCH_UP_SECONDS);
    if (due - device.nextSlot > maxBehind) device.nextSlot = due - maxBehind;
    const dt = 1 / rate;
    while (device.nextSlot < due) {
      const slot = device.nextSlot++;
      const time = this.startedAt + Math.round((slot * 1000) / rate);
      if (model.sample(dt, device.sample)) events.push({ type: "state", device });
      this.simulateOutage(device, time, events);
      if (device.online) history.append(time, device.sample);
    }
    if (history.lastSeq > device.seqBeforeTick) {
      device.tickEntry = device.encode(device.seqBeforeTick + 1, history.lastSeq);
    }
  }

  private simulateOutage(device: SimDevice, time: number, events: DeviceEvent[]): void {
    if (device.outageSlots > 0) {
      device.outageSlots--;
      if (device.online) events.push({ type: "status", device, online: true, at: time });
      return;
    }
    const { offlineRate } = this.options;
    if (offlineRate <= 0 || device.forcedOffline) return;
    if (device.outageRng.chance(offlineRate / device.rate)) {
      const seconds = device.outageRng.range(OUTAGE_SECONDS[0], OUTAGE_SECONDS[1]);
      device.outageSlots = Math.max(1, Math.round(seconds * device.rate));
      events.push({ type: "status", device, online: false, at: time });
    }
  }

  /**
   * The live data frame of this tick for a subscription set, or null when none of its devices
   * produced samples. `key` identifies the set; the frame is built once per key per tick.
   */
  frameFor(key: string, devices: readonly SimDevice[]): Buffer | null {
    const cached = this.frames.get(key);
    if (cached !== undefined) return cached;
    const entries: string[] = [];
    for (const device of devices) if (device.tickEntry !== undefined) entries.push(device.tickEntry);
    const frame = entries.length ? Buffer.from(`{"type":"data","batch":[${entries.join(",")}]}`) : null;
    this.frames.set(key, frame);
    return frame;
  }

  /** Forces a device offline (until set online again) or back online. */
  setOnline(device: SimDevice, online: boolean, at: number): DeviceEvent | undefined {
    const was = device.online;
    device.forcedOffline = !online;
    if (online) device.outageSlots = 0;
    return was === device.online ? undefined : { type: "status", device, online: device.online, at };
  }

  /** Marks an external device reachable or not (its status topic, or the broker going away). */
  setReachable(device: SimDevice, reachable: boolean, at: number): DeviceEvent | undefined {
    const was = device.online;
    device.reachable = reachable;
    return was === device.online ? undefined : { type: "status", device, online: device.online, at };
  }

  /** Applies a validated command to a device's model. */
  applyCommand(device: SimDevice, name: string, args: CommandArgs): void {
    device.model.apply(name, args);
  }
}
