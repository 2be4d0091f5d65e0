/**
 * Keeps each device's series one timeline across server runs. A v1.2 server (its `welcome` has
 * `history`) replays by time (`subscribe.after`), so after a restart, or on another server
 * sharing the store, the dashboard keeps its ring buffers and asks for exactly what is newer than
 * the newest sample it holds. Older servers get today's behaviour unchanged: a new session
 * shifts the buffers to a new seq numbering and `history` is asked for again.
 *
 * Seqs restart in every run, so a buffer cannot compare wire seqs across runs. In time mode each
 * device's first sample of a new run is placed by time: right after the held ones when it is the
 * next sample (a move to another server with nothing lost), else one seq further on, so the
 * charts draw the restart as a "no data" break, not as an offline device.
 */
import type { DataEntry, WelcomeMessage } from "../protocol/messages";
import type { SeriesRegistry } from "../telemetry/seriesRegistry";
import type { NewDashboardEvent } from "./dashboardTypes";
import { restartResumedEvent, serverRestartedEvent } from "./eventMessages";

/** A first sample at most this many sample intervals after the last held one continues the line. */
const CONTINUOUS_STEP_INTERVALS = 1.5;
/** The restart is logged when live data follows the replay, or at the latest this long after it. */
export const RESTART_REPORT_MS = 3000;

interface RestartReport {
  /** Newest held sample of the watched devices that was oldest: where the timeline resumed. */
  resumedFrom: number;
  replayed: number;
  /** Longest stretch without samples across the restart, over the devices placed so far. */
  silentMs: number;
  since: number;
}

export class SessionTimeline {
  private byTime = false;
  /** Last wire seq per device in this session (time mode; the buffers' own cursors are shifted). */
  private readonly cursors = new Map<string, number>();
  /** Wire seq minus shift = the seq handed to the buffer, per device placed in this session. */
  private readonly shifts = new Map<string, number>();
  /** Devices holding samples of an earlier run, not yet placed in this one. */
  private readonly unplaced = new Set<string>();
  private report: RestartReport | undefined;

  constructor(
    private readonly series: SeriesRegistry,
    /** The device's samples per second, from the fleet. */
    private readonly rateOf: (deviceId: string) => number | undefined,
  ) {}

  /** True while the server resumes by time (`welcome.history`, v1.2). */
  get resumesByTime(): boolean {
    return this.byTime;
  }

  /**
   * A `welcome` arrived (before the subscriptions are sent). Returns the line to log now, if any:
   * on a new session of an older server, or of a v1.2 server while nothing is held.
   */
  onLive(
    welcome: WelcomeMessage,
    newSession: boolean,
    watched: Iterable<string>,
    now: number,
  ): NewDashboardEvent | undefined {
    this.byTime = welcome.history !== undefined;
    if (!newSession) return undefined;
    this.series.startSession();
    this.cursors.clear();
    this.shifts.clear();
    this.unplaced.clear();
    this.report = undefined;
    if (!this.byTime) return serverRestartedEvent();
    for (const id of this.series.ids())
      if (this.series.get(id)?.lastTime !== undefined) this.unplaced.add(id);
    let resumedFrom = Number.POSITIVE_INFINITY;
    for (const id of watched)
      resumedFrom = Math.min(resumedFrom, this.series.get(id)?.lastTime ?? resumedFrom);
    if (!Number.isFinite(resumedFrom)) return serverRestartedEvent();
    this.report = { resumedFrom, replayed: 0, silentMs: 0, since: now };
    return undefined;
  }

  /**
   * Stores one data entry; returns how many samples were new. In time mode, samples not newer
   * than the newest held for the device are dropped (a replay overlapping what is held).
   */
  ingest(entry: DataEntry, replay: boolean): number {
    if (!this.byTime) return this.series.ingest(entry);
    const times = entry.t;
    if (!Array.isArray(times) || typeof entry.seq !== "number" || times.length === 0) return 0;
    const device = entry.device;
    this.cursors.set(device, Math.max(this.cursors.get(device) ?? 0, entry.seq + times.length - 1));
    const newest = this.series.get(device)?.lastTime;
    let skip = 0;
    if (newest !== undefined) while (skip < times.length && !((times[skip] as number) > newest)) skip++;
    if (skip === times.length) return 0;
    if (this.unplaced.delete(device) && newest !== undefined) {
      this.place(device, entry.seq + skip, (times[skip] as number) - newest);
    }
    const shift = this.shifts.get(device) ?? 0;
    const added = this.series.ingest(
      skip === 0 && shift === 0 ? entry : { ...trimEntry(entry, skip), seq: entry.seq + skip - shift },
    );
    if (this.report && replay) this.report.replayed += added;
    return added;
  }

  /** Records a `gap` (wire seqs) in the device's buffer numbering. */
  addGap(deviceId: string, fromSeq: number, toSeq: number): void {
    // Lost before anything of this run arrived: the gap is what follows the held samples.
    if (this.byTime && this.unplaced.delete(deviceId)) this.shifts.set(deviceId, fromSeq);
    const shift = this.shifts.get(deviceId) ?? 0;
    this.series.addGap(deviceId, fromSeq - shift, toSeq - shift);
  }

  /** `resume` cursors (wire seqs of this session) for the devices that have them. */
  resumeCursors(deviceIds: readonly string[]): Record<string, number> {
    if (!this.byTime) return this.series.resumeCursors(deviceIds);
    const cursors: Record<string, number> = {};
    for (const id of deviceIds) {
      const cursor = this.cursors.get(id);
      if (cursor !== undefined && cursor > 0) cursors[id] = cursor;
    }
    return cursors;
  }

  /** `after` cursors (time of the newest held sample), time mode only, for devices holding samples. */
  afterCursors(deviceIds: readonly string[]): Record<string, number> {
    const cursors: Record<string, number> = {};
    if (!this.byTime) return cursors;
    for (const id of deviceIds) {
      const newest = this.series.get(id)?.lastTime;
      if (newest !== undefined) cursors[id] = newest;
    }
    return cursors;
  }

  /**
   * The restart line, once it can be told: when live data follows the replay (`live`), when the
   * connection drops (`force`), or `RESTART_REPORT_MS` after the welcome.
   */
  takeRestartEvent(now: number, { live = false, force = false } = {}): NewDashboardEvent | undefined {
    const report = this.report;
    if (!report || !(live || force || now - report.since >= RESTART_REPORT_MS)) return undefined;
    this.report = undefined;
    return restartResumedEvent(report.resumedFrom, report.replayed, report.silentMs);
  }

  /** Decides how a device's first sample of this run continues its held line. */
  private place(deviceId: string, firstSeq: number, stepMs: number): void {
    const rate = this.rateOf(deviceId);
    const interval = rate && rate > 0 ? 1000 / rate : 1000;
    const continuous = stepMs <= interval * CONTINUOUS_STEP_INTERVALS;
    // After startSession() the buffer numbers wire seq 0 right after its newest sample.
    this.shifts.set(deviceId, continuous ? firstSeq : firstSeq - 1);
    if (this.report && !continuous) this.report.silentMs = Math.max(this.report.silentMs, stepMs);
  }
}

/** The entry without its first `skip` samples (a copy; only replays overlapping held data pay it). */
function trimEntry(entry: DataEntry, skip: number): DataEntry {
  if (skip === 0) return entry;
  const values: Record<string, number[]> = {};
  for (const key in entry.values) values[key] = (entry.values[key] ?? []).slice(skip);
  return { device: entry.device, seq: entry.seq + skip, t: entry.t.slice(skip), values };
}
