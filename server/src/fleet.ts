/**
 * The devices the gateway serves, whatever source they come from. A `FleetDevice` holds what
 * dashboards are told about a device (info, state, online), its recent samples by seq and this
 * tick's encoded data entry. Sources feed the fleet through `record`, `setOnline` and `add`; the
 * fleet clock brackets each tick with `beginTick`/`endTick`, so a device's history only grows
 * inside a tick and every sample reaches each session exactly once, live or replayed.
 */
import type {
  CommandInfo,
  DeviceInfo,
  DeviceKind,
  DeviceState,
  MetricInfo,
  SourceStatus,
} from "../../src/protocol/messages";
import { encodeDataFrame } from "../../src/protocol/server";
import { SampleHistory } from "./history";

/** A metric plus how many decimals its samples carry on the wire. */
export interface MetricSpec extends MetricInfo {
  decimals: number;
}

/** What a source says about a device when it adds it. */
export interface DeviceSpec {
  id: string;
  kind: DeviceKind;
  name: string;
  /** Samples per second it declares. */
  rate: number;
  metrics: readonly MetricSpec[];
  commands: readonly CommandInfo[];
  /**
   * Its reported state. The source owns this object: it changes it in place and then calls
   * `stateChanged`, so the gateway never holds a stale copy.
   */
  state: DeviceState;
  online: boolean;
}

/** News every client hears about: a device changed, joined, or the source came or went. */
export type FleetEvent =
  | { type: "status"; device: FleetDevice; online: boolean; at: number }
  | { type: "state"; device: FleetDevice }
  | { type: "added"; device: FleetDevice }
  | { type: "source"; source: SourceStatus };

/** One device the gateway knows: its description, state, online flag and recent samples. */
export class FleetDevice {
  readonly id: string;
  readonly kind: DeviceKind;
  readonly name: string;
  readonly rate: number;
  readonly metrics: readonly MetricSpec[];
  readonly commands: readonly CommandInfo[];
  readonly state: DeviceState;
  readonly history: SampleHistory;
  /** JSON-quoted id and metric keys, for hand-built frames. */
  readonly quotedId: string;
  readonly quotedKeys: string[];
  online: boolean;
  /** `history.lastSeq` before the current tick's samples. */
  seqBeforeTick = 0;
  /** This tick's samples as an encoded data entry, if any. */
  tickEntry: string | undefined;
  /** Samples recorded between ticks, appended (and given their seq) at the next tick. */
  readonly pending: { time: number; values: number[] }[] = [];

  constructor(
    spec: DeviceSpec,
    /** Position in the fleet: frames list devices in this order. */
    readonly index: number,
    historySeconds: number,
  ) {
    this.id = spec.id;
    this.kind = spec.kind;
    this.name = spec.name;
    this.rate = spec.rate;
    this.metrics = spec.metrics;
    this.commands = spec.commands;
    this.state = spec.state;
    this.online = spec.online;
    this.quotedId = JSON.stringify(spec.id);
    this.quotedKeys = spec.metrics.map((metric) => JSON.stringify(metric.key));
    const capacity = Math.max(1, Math.ceil(historySeconds * spec.rate));
    this.history = new SampleHistory(capacity, spec.metrics);
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
      metrics: [...this.metrics],
      commands: [...this.commands],
      state: { ...this.state },
    };
  }
}

/** Every device the gateway serves, and the per-tick frames built from them. */
export class Fleet {
  readonly devices: FleetDevice[] = [];
  readonly byId = new Map<string, FleetDevice>();
  private readonly frames = new Map<string, Buffer | null>();
  private ticking = false;
  /** Samples refused because they were not newer than the device's last one (a resend). */
  notNewer = 0;

  /**
   * @param historySeconds seconds of samples each device's ring holds
   * @param onAppend called with every sample appended, values rounded (the store's ingest)
   */
  constructor(
    private readonly historySeconds: number,
    private readonly onAppend?: (device: FleetDevice, time: number, values: readonly number[]) => void,
  ) {}

  /** Adds a device; throws on a duplicate id (a source bug, not bad input). */
  add(spec: DeviceSpec): FleetDevice {
    if (this.byId.has(spec.id)) throw new Error(`Fleet.add: device "${spec.id}" already exists`);
    const device = new FleetDevice(spec, this.devices.length, this.historySeconds);
    this.devices.push(device);
    this.byId.set(device.id, device);
    return device;
  }

  /**
   * Records one sample (values in metric order). Inside a tick it is appended at once; between
   * ticks it waits for the next one. Values are rounded to each metric's decimals.
   */
  record(device: FleetDevice, time: number, values: readonly number[]): void {
    if (this.ticking) this.append(device, time, values as number[]);
    else device.pending.push({ time, values: [...values] });
  }

  /** Appends one sample if it is newer than the device's last (a resend after a restart is not). */
  private append(device: FleetDevice, time: number, values: number[]): void {
    if (!(time > device.history.lastTime)) {
      this.notNewer++;
      return;
    }
    device.history.append(time, values);
    this.onAppend?.(device, time, values);
  }

  /** Starts a tick: forgets the last tick's frames and appends samples recorded since. */
  beginTick(): void {
    this.ticking = true;
    this.frames.clear();
    for (const device of this.devices) {
      device.seqBeforeTick = device.history.lastSeq;
      device.tickEntry = undefined;
      if (device.pending.length === 0) continue;
      for (const sample of device.pending) this.append(device, sample.time, sample.values);
      device.pending.length = 0;
    }
  }

  /** Ends a tick: encodes each device's new samples once, for every frame that carries them. */
  endTick(): void {
    this.ticking = false;
    for (const device of this.devices) {
      if (device.history.lastSeq > device.seqBeforeTick)
        device.tickEntry = device.encode(device.seqBeforeTick + 1, device.history.lastSeq);
    }
  }

  /** Samples held by all devices together (their seqs summed). */
  totalSamples(): number {
    let total = 0;
    for (const device of this.devices) total += device.history.lastSeq;
    return total;
  }

  /**
   * The live data frame of this tick for a subscription set, or null when none of its devices
   * produced samples. `key` identifies the set; the frame is built once per key per tick.
   */
  frameFor(key: string, devices: readonly FleetDevice[]): Buffer | null {
    const cached = this.frames.get(key);
    if (cached !== undefined) return cached;
    const entries: string[] = [];
    for (const device of devices) if (device.tickEntry !== undefined) entries.push(device.tickEntry);
    const frame = entries.length ? Buffer.from(encodeDataFrame(entries)) : null;
    this.frames.set(key, frame);
    return frame;
  }

  /** Sets whether a device is online; returns the event when that changed it. */
  setOnline(device: FleetDevice, online: boolean, at: number): FleetEvent | undefined {
    if (device.online === online) return undefined;
    device.online = online;
    return { type: "status", device, online, at };
  }
}
