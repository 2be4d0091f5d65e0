/**
 * Tracks commands from send to outcome: `sending` (not on the wire yet) -> `pending` (sent) ->
 * `succeeded` / `failed` (server code and message) / `timed_out` (no result by the deadline).
 * A command in flight when the link drops is resent with the same id on every reconnect until
 * its deadline; the server runs an id at most once and answers repeats with the first result.
 */
import type { CommandArgs, CommandMessage, CommandResultMessage, ErrorMessage } from "../protocol/messages";
import type { DashboardStore } from "./createDashboardStore";
import type { CommandEntry } from "./dashboardTypes";

export interface CommandTransport {
  readonly live: boolean;
  send(message: CommandMessage): boolean;
}

export interface CommandTrackerOptions {
  store: DashboardStore;
  transport: CommandTransport;
  /** Deadline after sending (ms). */
  timeoutMs: number;
  now?: () => number;
  newId?: () => string;
  /** Called when a command reaches an outcome (succeeded, failed, timed out). */
  onSettled?: (entry: CommandEntry) => void;
}

/** crypto.randomUUID exists only in secure contexts (https, localhost); a wall screen on plain
 * http over the LAN still needs unique ids, so fall back to getRandomValues (same v4 format). */
export function randomId(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] as number) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] as number) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function inFlight(entry: CommandEntry | undefined): entry is CommandEntry {
  return entry !== undefined && (entry.status === "sending" || entry.status === "pending");
}

export class CommandTracker {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly now: () => number;
  private readonly newId: () => string;

  constructor(private readonly options: CommandTrackerOptions) {
    this.now = options.now ?? Date.now;
    this.newId = options.newId ?? randomId;
  }

  /** Creates, tracks and (if live) sends a command; returns its id. Arguments must be valid. */
  send(device: string, name: string, args: CommandArgs): string {
    const createdAt = this.now();
    const entry: CommandEntry = {
      id: this.newId(),
      device,
      name,
      args,
      createdAt,
      deadline: createdAt + this.options.timeoutMs,
      status: "sending",
      attempts: 0,
    };
    this.put(entry);
    this.armDeadline(entry);
    this.transmit(entry);
    return entry.id;
  }

  /** Re-arms deadline timers cleared by `dispose` (the dashboard was stopped and started again). */
  rearm(): void {
    for (const id of this.options.store.getState().commandOrder) {
      const entry = this.entry(id);
      if (inFlight(entry) && !this.timers.has(id)) this.armDeadline(entry);
    }
  }

  /** The link is live again: resend every command still in flight, with its id and deadline. */
  onLive(): void {
    for (const id of this.options.store.getState().commandOrder) {
      const entry = this.entry(id);
      if (inFlight(entry) && entry.deadline > this.now()) this.transmit(entry);
    }
  }

  /** The link dropped: pending commands must go out again. */
  onDown(): void {
    for (const id of this.options.store.getState().commandOrder) {
      const entry = this.entry(id);
      if (entry?.status === "pending") this.put({ ...entry, status: "sending" });
    }
  }

  /**
   * Applies a `commandResult`; returns the updated entry, or undefined when the id is unknown or
   * already settled. A success arriving after the timeout still counts (the device did run it);
   * a late failure leaves the command timed out.
   */
  onResult(result: CommandResultMessage): CommandEntry | undefined {
    const entry = this.entry(result.id);
    const lateSuccess = entry?.status === "timed_out" && result.ok;
    if (!inFlight(entry) && !lateSuccess) return undefined;
    const finished: CommandEntry = result.ok
      ? {
          ...entry,
          status: "succeeded",
          finishedAt: this.now(),
          ...(result.state ? { state: result.state } : {}),
        }
      : { ...entry, status: "failed", finishedAt: this.now(), error: result.error };
    this.finish(finished);
    return finished;
  }

  /** Applies an `error` frame whose id is a command's (e.g. bad_request); undefined otherwise. */
  onError(error: ErrorMessage): CommandEntry | undefined {
    const entry = error.id === undefined ? undefined : this.entry(error.id);
    if (!inFlight(entry)) return undefined;
    const failed: CommandEntry = {
      ...entry,
      status: "failed",
      finishedAt: this.now(),
      error: { code: error.code, message: error.message },
    };
    this.finish(failed);
    return failed;
  }

  /** Clears every deadline timer. */
  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private armDeadline(entry: CommandEntry): void {
    const delay = Math.max(0, entry.deadline - this.now());
    this.timers.set(
      entry.id,
      setTimeout(() => this.expire(entry.id), delay),
    );
  }

  private transmit(entry: CommandEntry): void {
    const message: CommandMessage = {
      type: "command",
      id: entry.id,
      device: entry.device,
      name: entry.name,
      deadline: entry.deadline,
      ...(Object.keys(entry.args).length > 0 ? { args: entry.args } : {}),
    };
    if (this.options.transport.live && this.options.transport.send(message)) {
      this.put({ ...entry, status: "pending", attempts: entry.attempts + 1 });
    }
  }

  private expire(id: string): void {
    this.timers.delete(id);
    const entry = this.entry(id);
    if (!inFlight(entry)) return;
    const timedOut: CommandEntry = { ...entry, status: "timed_out", finishedAt: this.now() };
    this.put(timedOut);
    this.options.onSettled?.(timedOut);
  }

  private finish(entry: CommandEntry): void {
    const timer = this.timers.get(entry.id);
    if (timer !== undefined) clearTimeout(timer);
    this.timers.delete(entry.id);
    this.put(entry);
    this.options.onSettled?.(entry);
  }

  private entry(id: string): CommandEntry | undefined {
    return this.options.store.getState().commands[id];
  }

  private put(entry: CommandEntry): void {
    this.options.store.getState().putCommand(entry);
  }
}
