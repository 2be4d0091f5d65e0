/**
 * The alert engine: every sample of every device goes through `onSample`, at full rate, so the
 * rules that apply to a device are resolved ahead of time into `Track`s (one per rule, thresholds
 * as plain numbers, indexed by the device's position in the fleet and the metric's position in the
 * sample). A sample of a device in the ok state costs one array read and two comparisons per
 * track, and allocates nothing; only transitions allocate. States and hysteresis: docs/ALERTS.md.
 */
import { createHash } from "node:crypto";
import type { AlertInfo, AlertRule, AlertState } from "../../../src/protocol/messages";

const OK = 0;
const PENDING = 1;
const FIRING = 2;
const NO_DATA = 3;
const NAMES: AlertState[] = ["resolved", "pending", "firing", "no_data"];

/** A device is stale after this many of its declared sample periods without a sample... */
export const STALE_PERIODS = 10;
/** ...and never sooner than this (ms), so a 10 Hz device's jitter or a busy server is not an outage. */
export const STALE_MIN_MS = 5000;

/** What the engine needs of a device. */
export interface EngineDevice {
  readonly id: string;
  readonly index: number;
  readonly rate: number;
  readonly online: boolean;
  readonly metrics: readonly { key: string }[];
}

/** One transition of one alert, as stored, broadcast and notified. */
export interface Transition {
  /** Same id on every server that sees the same samples (dedupe key of the store). */
  event: string;
  state: AlertState | "acknowledged";
  at: number;
  alert: AlertInfo;
  rule: AlertRule;
  /** When the alert began, whether it has fired, and this transition's number in it (from 1). */
  startedAt: number;
  fired: boolean;
  steps: number;
}

/** A short id that every server derives alike from the same parts. */
export function stableId(...parts: (string | number)[]): string {
  return createHash("sha256").update(parts.join("\n")).digest("base64url").slice(0, 16);
}

/** One rule on one device: its thresholds as numbers, and the alert it holds, if any. */
export class Track {
  readonly hi: number;
  readonly lo: number;
  readonly clearHi: number;
  readonly clearLo: number;
  readonly forMs: number;
  state = OK;
  alert: AlertInfo | undefined;
  startedAt = 0;
  pendingSince = 0;
  fired = false;
  /** Transitions of the current alert so far: with the alert id, the dedupe key of the next. */
  steps = 0;

  constructor(
    readonly rule: AlertRule,
    readonly device: string,
    /** Position of the rule's metric in the device's samples. */
    readonly m: number,
    /** Sample time from which this rule version may open alerts (the same on every server). */
    readonly activeFrom = 0,
  ) {
    const { op, threshold = 0, low = 0, high = 0 } = rule;
    this.hi = op === "above" ? threshold : op === "outside" ? high : Number.POSITIVE_INFINITY;
    this.lo = op === "below" ? threshold : op === "outside" ? low : Number.NEGATIVE_INFINITY;
    this.clearHi =
      op === "below"
        ? this.hi
        : op === "above"
          ? (rule.clearThreshold ?? threshold)
          : (rule.clearHigh ?? high);
    this.clearLo =
      op === "above" ? this.lo : op === "below" ? (rule.clearThreshold ?? threshold) : (rule.clearLow ?? low);
    this.forMs = rule.forSeconds * 1000;
  }
}

/** Evaluates samples against tracks and reports each transition to `emit`. */
export class AlertEngine {
  private tracks: (Track[] | undefined)[] = [];
  private staleMs = new Float64Array(256);
  /** Wall-clock ms of each device's last sample (or of its registration). */
  private lastSeen = new Float64Array(256);
  /** Sample time of each device's last sample: the dedupe key of a `no_data` transition. */
  private lastTime = new Float64Array(256);
  private missing = new Uint8Array(256);
  /** Wall-clock ms of the current tick, set by the gateway: no clock read per sample. */
  clock = Date.now();

  constructor(private readonly emit: (transition: Transition) => void) {}

  /**
   * Gives `device` the tracks of `rules`, keeping the alert of each rule that still applies;
   * the alert of a rule that no longer does is resolved.
   */
  assign(
    device: EngineDevice,
    rules: readonly AlertRule[],
    activeFrom: (rule: AlertRule) => number = () => 0,
  ): void {
    this.grow(device.index);
    const old = new Map((this.tracks[device.index] ?? []).map((track) => [track.rule.id, track]));
    const next: Track[] = [];
    for (const rule of rules) {
      const m = device.metrics.findIndex((metric) => metric.key === rule.metric);
      if (m < 0) continue;
      const track = new Track(rule, device.id, m, activeFrom(rule));
      const before = old.get(rule.id);
      old.delete(rule.id);
      if (before?.alert) Object.assign(track, pick(before));
      next.push(track);
    }
    for (const gone of old.values()) if (gone.alert) this.end(gone, this.clock, null);
    this.tracks[device.index] = next.length ? next : undefined;
    if (this.lastSeen[device.index] === 0) {
      this.lastSeen[device.index] = this.clock;
      this.staleMs[device.index] = Math.max(STALE_MIN_MS, (STALE_PERIODS * 1000) / device.rate);
    }
    if (!device.online) this.noData(device.index, this.clock);
  }

  /** Steps every track of `device` by one sample (values in metric order). */
  onSample(device: EngineDevice, time: number, values: ArrayLike<number>): void {
    const i = device.index;
    this.lastSeen[i] = this.clock;
    this.lastTime[i] = time;
    this.missing[i] = 0;
    const tracks = this.tracks[i];
    if (tracks === undefined) return;
    for (let k = 0; k < tracks.length; k++) {
      const track = tracks[k] as Track;
      const v = values[track.m] as number;
      // The common case: ok, and inside (NaN, a missing value, compares false and changes nothing).
      if (track.state === OK && !(v > track.hi || v < track.lo)) continue;
      if (!Number.isNaN(v)) this.step(track, time, v);
    }
  }

  private step(track: Track, t: number, v: number): void {
    const active = v > track.clearHi || v < track.clearLo;
    if (track.state === OK || (track.state === NO_DATA && !(track.fired && active))) {
      if (!(v > track.hi || v < track.lo)) this.end(track, t, v);
      else if (track.state === OK && t < track.activeFrom) return;
      else {
        track.pendingSince = t;
        if (track.state === OK) track.startedAt = t;
        this.move(track, track.forMs === 0 ? FIRING : PENDING, t, v);
      }
    } else if (!active) this.end(track, t, v);
    else if (track.state === NO_DATA || (track.state === PENDING && t - track.pendingSince >= track.forMs))
      this.move(track, FIRING, t, v);
  }

  private move(track: Track, state: number, at: number, value: number | null): void {
    if (state === FIRING) track.fired = true;
    track.state = state;
    const { rule, device } = track;
    if (!track.alert) {
      const id = stableId(rule.id, device, track.startedAt, state === NO_DATA ? "no_data" : "");
      track.steps = 0;
      track.alert = {
        id,
        rule: rule.id,
        device,
        metric: rule.metric,
        state: "pending",
        since: at,
        value,
        acknowledged: null,
        severity: rule.severity,
      };
    }
    track.alert.state = NAMES[state] as AlertState;
    track.alert.since = at;
    track.alert.value = value;
    const alert = { ...track.alert };
    const steps = ++track.steps;
    const event = stableId(alert.id, steps, alert.state);
    this.emit({
      event,
      state: alert.state,
      at,
      alert,
      rule,
      startedAt: track.startedAt,
      fired: track.fired,
      steps,
    });
  }

  /** Resolves the track's alert, if any. */
  private end(track: Track, at: number, value: number | null): void {
    if (!track.alert) return;
    this.move(track, OK, at, value);
    track.alert = undefined;
    track.fired = false;
  }

  /** A device went offline: its tracks go `no_data` (a track that was ok opens an alert). */
  setOffline(device: EngineDevice, at: number): void {
    this.noData(device.index, at);
  }

  private noData(i: number, at: number): void {
    if (this.missing[i]) return;
    this.missing[i] = 1;
    for (const track of this.tracks[i] ?? []) {
      if (track.state === NO_DATA) continue;
      if (track.state === OK) track.startedAt = this.lastTime[i] || at;
      this.move(track, NO_DATA, at, null);
    }
  }

  /** Puts devices with no sample for their stale time in `no_data`; run about once a second. */
  checkStale(now: number): void {
    for (let i = 0; i < this.tracks.length; i++)
      if (
        this.tracks[i] &&
        !this.missing[i] &&
        now - (this.lastSeen[i] as number) > (this.staleMs[i] as number)
      )
        this.noData(i, now);
  }

  /** The open alert `id` held here, if any. */
  find(id: string): Track | undefined {
    for (const tracks of this.tracks)
      for (const track of tracks ?? []) if (track.alert?.id === id) return track;
    return undefined;
  }

  /** Every alert not resolved. */
  open(): AlertInfo[] {
    return this.tracks.flatMap((tracks) =>
      (tracks ?? []).flatMap((track) => (track.alert ? [{ ...track.alert }] : [])),
    );
  }

  /** Resumes an alert a previous run left open (same rule and device), without a transition. */
  adopt(
    device: EngineDevice,
    stored: { alert: AlertInfo; startedAt: number; fired: boolean; steps: number },
  ): boolean {
    const { alert, startedAt, fired, steps } = stored;
    const track = this.tracks[device.index]?.find((candidate) => candidate.rule.id === alert.rule);
    if (!track || track.alert) return false;
    track.alert = { ...alert, severity: track.rule.severity };
    track.state = NAMES.indexOf(alert.state);
    track.startedAt = startedAt;
    track.pendingSince = alert.since;
    track.fired = fired;
    track.steps = steps;
    return true;
  }

  private grow(index: number): void {
    if (index < this.lastSeen.length) return;
    const size = Math.max(index + 1, this.lastSeen.length * 2);
    const widen = <T extends Float64Array | Uint8Array>(from: T, make: (n: number) => T): T => {
      const to = make(size);
      to.set(from);
      return to;
    };
    this.staleMs = widen(this.staleMs, (n) => new Float64Array(n));
    this.lastSeen = widen(this.lastSeen, (n) => new Float64Array(n));
    this.lastTime = widen(this.lastTime, (n) => new Float64Array(n));
    this.missing = widen(this.missing, (n) => new Uint8Array(n));
  }
}

function pick(track: Track): Partial<Track> {
  const { state, alert, startedAt, pendingSince, fired, steps } = track;
  return { state, alert, startedAt, pendingSince, fired, steps };
}
