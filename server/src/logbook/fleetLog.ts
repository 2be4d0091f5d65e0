/**
 * Turns what the gateway sees into logbook lines: devices joining, going offline, online or
 * stale (with how long the condition that ended lasted), reported state changes (what changed,
 * from what to what), commands and their outcome, alert transitions, the broker lost and
 * regained, and the server's start. Each line is appended to the logbook and queued for the
 * dashboards (`logbook` message), sent by `drain()`.
 */
import type { AlertInfo, DeviceState, LogEntry, LogEntryType } from "../../../src/protocol/messages";
import type { FleetDevice } from "../fleet";
import type { Logbook } from "./logbook";
import { formatSpan, stateChanges } from "./logText";

/** A device is stale after 10 sample periods without a sample, and at least 5 s (as the alerts). */
const STALE_PERIODS = 10;
const STALE_MIN_MS = 5000;
/** Lines waiting for the dashboards before the oldest are dropped (they stay in the logbook). */
const LIVE_QUEUE = 1000;

interface DeviceTrack {
  /** Since when the device is in its current condition. */
  since: number;
  condition: "online" | "offline" | "stale";
  state: DeviceState;
  lastSample: number;
}

let counter = 0;
/** Ids sort by creation within one server (same-ms lines keep their order); hex only, so SQL and JS compare alike. */
function newId(): string {
  counter++;
  const random = Math.floor(Math.random() * 0xffffffff);
  return counter.toString(16).padStart(12, "0") + random.toString(16).padStart(8, "0");
}

export class FleetLog {
  private readonly tracks = new Map<FleetDevice, DeviceTrack>();
  private live: LogEntry[] = [];
  private brokerSince: number | undefined;
  /** Alerts logged as firing or without data, whose resolution is news (bounded by the open alerts). */
  private readonly raised = new Set<string>();

  constructor(
    private readonly logbook: Logbook,
    private readonly now: () => number,
  ) {}

  private add(
    type: LogEntryType,
    device: FleetDevice | undefined,
    text: string,
    extra: Partial<LogEntry> = {},
  ): void {
    const entry: LogEntry = {
      id: newId(),
      at: extra.at ?? this.now(),
      type,
      device: device?.id ?? null,
      kind: device?.kind ?? null,
      text,
      ...extra,
    };
    this.logbook.append(entry);
    this.live.push(entry);
    if (this.live.length > LIVE_QUEUE) this.live.shift();
  }

  /** The lines since the last call, oldest first. */
  drain(): LogEntry[] {
    const lines = this.live;
    this.live = [];
    return lines;
  }

  serverStarted(at: number, detail: Record<string, unknown>): void {
    this.add("server_started", undefined, "server started", {
      at,
      detail,
      code: "server_started",
      params: {},
    });
  }

  /** A device joined; `known` when it was already in the fleet at start (logged without a line). */
  deviceAdded(device: FleetDevice, at: number, quiet = false): void {
    const condition = device.online ? "online" : "offline";
    this.tracks.set(device, { since: at, condition, state: { ...device.state }, lastSample: at });
    if (!quiet)
      this.add("device_joined", device, `joined the fleet (${device.kind}, ${condition})`, {
        at,
        code: "device_joined",
        params: { kind: device.kind, condition },
      });
  }

  /** The device was retired at its source (it stays in the fleet, offline). */
  deviceRetired(device: FleetDevice, at: number): void {
    this.add("device_retired", device, "was retired: its source cleared its info", {
      at,
      code: "device_retired",
      params: {},
    });
  }

  sample(device: FleetDevice, time: number): void {
    const track = this.tracks.get(device);
    if (!track) return;
    track.lastSample = Math.max(track.lastSample, time);
    if (track.condition === "stale") this.change(device, track, "online", this.now());
  }

  setOnline(device: FleetDevice, online: boolean, at: number): void {
    const track = this.tracks.get(device);
    if (!track) return;
    track.lastSample = Math.max(track.lastSample, at);
    this.change(device, track, online ? "online" : "offline", at);
  }

  private change(
    device: FleetDevice,
    track: DeviceTrack,
    condition: DeviceTrack["condition"],
    at: number,
  ): void {
    if (track.condition === condition) return;
    const durationMs = Math.max(0, at - track.since);
    const text = `${condition === "online" ? "back online" : condition} after ${formatSpan(durationMs)} ${track.condition}`;
    this.add(condition, device, text, {
      at,
      durationMs,
      detail: { from: track.condition },
      code: "condition",
      params: { to: condition, from: track.condition, ms: durationMs },
    });
    track.condition = condition;
    track.since = at;
  }

  /** Once a second: online devices silent for too long go stale. */
  checkStale(now: number): void {
    for (const [device, track] of this.tracks) {
      if (track.condition !== "online" || device.rate <= 0) continue;
      const limit = Math.max(STALE_MIN_MS, (STALE_PERIODS * 1000) / device.rate);
      if (now - track.lastSample > limit) this.change(device, track, "stale", track.lastSample + limit);
    }
  }

  stateChanged(device: FleetDevice): void {
    const track = this.tracks.get(device);
    if (!track) return;
    const changes = stateChanges(track.state, device.state);
    track.state = { ...device.state };
    if (changes.length === 0) return;
    const text = changes.map((c) => `${c.key}: ${String(c.from)} → ${String(c.to)}`).join(", ");
    this.add("state", device, text, {
      detail: { changes },
      code: "state_changed",
      params: { changes: changes.length },
    });
  }

  command(device: FleetDevice | undefined, name: string, by: string, ok: boolean, error?: string): void {
    const outcome = ok ? "done" : `failed (${error ?? "error"})`;
    this.add("command", device, `${name} by ${by}: ${outcome}`, {
      detail: { command: name, by, ok, error },
      code: ok ? "command_done" : "command_failed",
      params: ok ? { command: name, by } : { command: name, by, error: error ?? "error" },
    });
  }

  /**
   * Alert transitions an operator acts on: firing, no data, acknowledged, and the resolution of
   * those. A `pending` that resolves without firing is a flap, left to `/api/alerts`.
   */
  alerts(alerts: readonly AlertInfo[], find: (id: string) => FleetDevice | undefined): void {
    for (const alert of alerts) {
      if (alert.state === "pending") continue;
      if (alert.state === "resolved" && !this.raised.delete(alert.id)) continue;
      if (alert.state !== "resolved") this.raised.add(alert.id);
      const value = alert.value === null ? "" : ` at ${alert.value}`;
      const text = `${alert.metric}: ${alert.state.replace("_", " ")}${value} (rule ${alert.rule}, ${alert.severity})`;
      this.add("alert", find(alert.device), text, {
        at: alert.since,
        detail: {
          alert: alert.id,
          rule: alert.rule,
          metric: alert.metric,
          state: alert.state,
          severity: alert.severity,
        },
        code: alert.value === null ? "alert" : "alert_value",
        params: {
          metric: alert.metric,
          state: alert.state,
          rule: alert.rule,
          severity: alert.severity,
          ...(alert.value === null ? {} : { value: alert.value }),
        },
      });
    }
  }

  broker(connected: boolean, at: number): void {
    const durationMs = this.brokerSince === undefined ? undefined : Math.max(0, at - this.brokerSince);
    this.brokerSince = at;
    const after = durationMs === undefined ? "" : ` after ${formatSpan(durationMs)}`;
    const type = connected ? "broker_regained" : "broker_lost";
    const words = connected ? "broker regained" : "broker lost";
    this.add(type, undefined, `${words}${after}`, {
      at,
      durationMs,
      ...(durationMs === undefined
        ? { code: type, params: {} }
        : { code: `${type}_after`, params: { ms: durationMs } }),
    });
  }
}
