/**
 * Applies what devices publish on the broker to the served fleet: `info` adds a device,
 * `status` and the broker connection decide whether it is online, `state` replaces its state,
 * `telemetry` records samples, which get their seq at the next fleet tick. Anything invalid goes to
 * the input guard and changes nothing.
 */
import type { DeviceKind, DeviceState } from "../../../../src/protocol";
import type { DeviceSpec, FleetDevice } from "../../fleet";
import type { FleetSink } from "../../fleetSource";
import type { InputGuard } from "./inputGuard";
import { checkInfo, checkSample, checkState, checkStatus, parseJson, type RemoteInfo } from "./validate";

/** Most devices one source accepts (the same cap as `--devices`). */
export const MAX_REMOTE_DEVICES = 100_000;
/** Most devices whose status/state is held while waiting for their `info`. */
const MAX_EARLY = 10_000;
/**
 * Most telemetry messages held while waiting for their device's `info`. A persistent session
 * gets its queued telemetry before the retained infos (those come with the new subscription).
 */
export const MAX_EARLY_TELEMETRY = 100_000;
/** For how long after (re)connecting telemetry of a device not yet announced is held. */
export const EARLY_TELEMETRY_WINDOW_MS = 5_000;

interface Remote {
  device: FleetDevice;
  /** Canonical text of the info it was created from, to tell a repeat from a change. */
  infoKey: string;
  /** Last `status` payload, if any. */
  reported: boolean | undefined;
  /** A status or telemetry arrived since the broker connection was (re)made. */
  heard: boolean;
  /** Its retained info was cleared: the device was retired. */
  retired: boolean;
  /** Time of the last accepted sample. */
  lastTime: number;
}

/** JSON with object keys sorted, so equal infos compare equal whatever their key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

function specOf(id: string, info: RemoteInfo, state: DeviceState): DeviceSpec {
  return {
    id,
    kind: info.kind as DeviceKind,
    name: info.name,
    rate: info.rate,
    metrics: info.metrics.map((metric) => ({ ...metric, decimals: metric.decimals ?? 2 })),
    commands: info.commands,
    state,
    online: false,
  };
}

/** The broker's view of the fleet, applied to the gateway through its sink. */
export class RemoteFleet {
  private readonly remotes = new Map<string, Remote>();
  private readonly early = new Map<string, { status?: boolean; state?: DeviceState }>();
  private readonly earlyTelemetry = new Map<string, Buffer[]>();
  private earlyTelemetryCount = 0;
  private holdTelemetryUntil = 0;
  private connected = false;

  constructor(
    private readonly sink: FleetSink,
    private readonly guard: InputGuard,
  ) {}

  /** True for a device announced on the broker. */
  has(id: string): boolean {
    return this.remotes.has(id);
  }

  /**
   * The broker connection came or went; devices are offline until heard from again. A resumed
   * persistent session (`sessionPresent`) delivers its queued telemetry before the retained infos,
   * so telemetry of devices not yet announced is held for a while instead of refused.
   */
  setConnected(connected: boolean, sessionPresent = false): void {
    this.connected = connected;
    if (connected && sessionPresent) this.holdTelemetryUntil = this.sink.now() + EARLY_TELEMETRY_WINDOW_MS;
    for (const remote of this.remotes.values()) {
      remote.heard = false;
      this.refresh(remote);
    }
  }

  private refresh(remote: Remote): void {
    const reachable = this.connected && remote.heard && remote.reported !== false && !remote.retired;
    this.sink.setOnline(remote.device, reachable, this.sink.now());
  }

  /** `fleet/<id>/info`: announces (or, empty, retires) a device. */
  info(id: string, payload: Buffer): void {
    const known = this.remotes.get(id);
    if (payload.length === 0) {
      if (known && !known.retired) {
        known.retired = true;
        this.refresh(known);
        this.sink.retired?.(known.device, this.sink.now());
      }
      return;
    }
    const json = parseJson(payload);
    const checked = json.ok ? checkInfo(json.value) : json;
    if (!checked.ok) {
      this.guard.reject(id, checked);
      return;
    }
    const infoKey = canonical(checked.value);
    if (known) {
      known.retired = false;
      if (known.infoKey !== infoKey)
        this.guard.reject(id, {
          reason: "info_changed",
          detail: "its info differs from the one it announced first; restart the server to apply it",
        });
      this.refresh(known);
      return;
    }
    if (this.remotes.size >= MAX_REMOTE_DEVICES) {
      this.guard.reject(id, {
        reason: "too_many_devices",
        detail: `over ${MAX_REMOTE_DEVICES} devices`,
      });
      return;
    }
    const early = this.early.get(id);
    this.early.delete(id);
    const info = checked.value;
    // Announced (offline) before its status, so a dashboard knows the device when it hears it is online.
    const device = this.sink.add(specOf(id, info, early?.state ?? {}));
    const remote: Remote = {
      device,
      infoKey,
      reported: early?.status,
      heard: early?.status !== undefined,
      retired: false,
      lastTime: 0,
    };
    this.remotes.set(id, remote);
    this.refresh(remote);
    const held = this.earlyTelemetry.get(id);
    if (held) {
      this.earlyTelemetry.delete(id);
      this.earlyTelemetryCount -= held.length;
      for (const payload of held) this.telemetry(id, payload);
    }
  }

  /** `fleet/<id>/status`: `{"online": bool}`; the device's Last Will sets it false. */
  status(id: string, payload: Buffer): void {
    if (payload.length === 0) return;
    const json = parseJson(payload);
    const checked = json.ok ? checkStatus(json.value) : json;
    if (!checked.ok) {
      this.guard.reject(id, checked);
      return;
    }
    const remote = this.remotes.get(id);
    if (!remote) {
      this.holdEarly(id, { status: checked.value });
      return;
    }
    remote.reported = checked.value;
    remote.heard = true;
    this.refresh(remote);
  }

  /** `fleet/<id>/state`: the device's reported state, replacing the previous one. */
  state(id: string, payload: Buffer): void {
    if (payload.length === 0) return;
    const json = parseJson(payload);
    const checked = json.ok ? checkState(json.value) : json;
    if (!checked.ok) {
      this.guard.reject(id, checked);
      return;
    }
    const remote = this.remotes.get(id);
    if (!remote) {
      this.holdEarly(id, { state: checked.value });
      return;
    }
    this.applyState(remote.device, checked.value);
  }

  /** Telemetry held past the window: its device never announced itself. */
  private dropEarlyTelemetry(): void {
    for (const [id, held] of this.earlyTelemetry)
      this.guard.reject(
        id,
        { reason: "unknown_device", detail: "telemetry before any valid info" },
        held.length,
      );
    this.earlyTelemetry.clear();
    this.earlyTelemetryCount = 0;
  }

  private holdEarly(id: string, update: { status?: boolean; state?: DeviceState }): void {
    if (!this.early.has(id) && this.early.size >= MAX_EARLY) return;
    this.early.set(id, { ...this.early.get(id), ...update });
  }

  /** Replaces a device's state; subscribers hear about it when it changed. */
  applyState(device: FleetDevice, state: DeviceState): void {
    const current = device.state;
    if (canonical(current) === canonical(state)) return;
    for (const key of Object.keys(current)) delete current[key];
    Object.assign(current, state);
    this.sink.stateChanged(device);
  }

  /** `fleet/<id>/telemetry`: one `{"t","values"}` or an array of them. */
  telemetry(id: string, payload: Buffer): void {
    const remote = this.remotes.get(id);
    if (this.earlyTelemetryCount > 0 && this.sink.now() >= this.holdTelemetryUntil) this.dropEarlyTelemetry();
    if (!remote) {
      if (this.earlyTelemetryCount >= MAX_EARLY_TELEMETRY || this.sink.now() >= this.holdTelemetryUntil) {
        this.guard.reject(id, { reason: "unknown_device", detail: "telemetry before any valid info" });
        return;
      }
      const held = this.earlyTelemetry.get(id);
      if (held) held.push(payload);
      else this.earlyTelemetry.set(id, [payload]);
      this.earlyTelemetryCount++;
      return;
    }
    const json = parseJson(payload);
    if (!json.ok) {
      this.guard.reject(id, json);
      return;
    }
    const entries = Array.isArray(json.value) ? json.value : [json.value];
    if (remote.reported === false || remote.retired) {
      this.guard.reject(
        id,
        { reason: "device_offline", detail: "telemetry while its status says offline" },
        entries.length,
      );
      return;
    }
    if (!remote.heard) {
      remote.heard = true;
      this.refresh(remote);
    }
    const { device } = remote;
    const now = this.sink.now();
    for (let i = 0; i < entries.length; i++) {
      // The budget runs on the samples' own clock when they are older than now: a backlog the
      // broker queued while this server was down arrives at once, spaced by its timestamps.
      const stamped = (entries[i] as { t?: unknown } | null)?.t;
      const clock = typeof stamped === "number" && stamped < now && stamped > remote.lastTime ? stamped : now;
      if (!this.guard.allowSample(id, device.rate, clock)) {
        const detail = `over ${Math.max(20, Math.ceil(device.rate * 2))} samples per second (twice its declared rate)`;
        this.guard.reject(id, { reason: "flood", detail }, entries.length - i);
        return;
      }
      const sample = checkSample(entries[i], device.metrics, remote.lastTime, now);
      if (!sample.ok) {
        this.guard.reject(id, sample);
        continue;
      }
      remote.lastTime = sample.value.time;
      this.sink.record(device, sample.value.time, sample.value.values);
    }
  }
}
