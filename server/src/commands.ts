/**
 * The command desk: checks each command against the device's declared commands and hands it to
 * its fleet source, with at-most-once semantics. Every command id is remembered server-wide
 * (across connections) for `RETAIN_MS`: a repeat with the same device, name and args gets the
 * original result without running again; a repeat with different ones gets `id_conflict`.
 */
import type {
  CommandArgs,
  CommandInfo,
  CommandMessage,
  CommandResultMessage,
  ErrorCode,
} from "../../src/protocol";
import type { FleetDevice } from "./fleet";
import type { ResultListener } from "./fleetSource";

export type { ResultListener } from "./fleetSource";

/** How long command ids are remembered (at least the 10 minutes the protocol promises). */
export const RETAIN_MS = 15 * 60_000;
/** Most ids remembered; past this the oldest are forgotten early, to bound memory under abuse. */
export const MAX_REMEMBERED = 200_000;

interface Remembered {
  device: string;
  name: string;
  args: CommandArgs;
  argsKey: string;
  /** Who sent it (an actor's user name), when known. */
  by: string | undefined;
  at: number;
  result: CommandResultMessage | undefined;
  waiters: ResultListener[];
}

/** Checks `args` against a command's schema; returns what is wrong, or undefined. */
export function validateArgs(command: CommandInfo, args: CommandArgs): string | undefined {
  for (const name of Object.keys(args)) {
    if (!Object.hasOwn(command.args, name)) {
      const known = Object.keys(command.args);
      return `${command.name} has no argument "${name}"${known.length ? ` (expected ${known.join(", ")})` : " (it takes none)"}`;
    }
  }
  for (const [name, schema] of Object.entries(command.args)) {
    const value = args[name];
    if (value === undefined) return `${command.name} needs argument "${name}"`;
    if (schema.type === "number") {
      const inRange =
        typeof value === "number" &&
        (schema.min === undefined || value >= schema.min) &&
        (schema.max === undefined || value <= schema.max);
      if (!inRange)
        return `argument "${name}" must be a number from ${schema.min ?? "-inf"} to ${schema.max ?? "inf"}, got ${JSON.stringify(value)}`;
    } else if (schema.type === "boolean") {
      if (typeof value !== "boolean")
        return `argument "${name}" must be a boolean, got ${JSON.stringify(value)}`;
    } else if (typeof value !== "string" || !schema.values.includes(value)) {
      return `argument "${name}" must be one of ${schema.values.join(", ")}, got ${JSON.stringify(value)}`;
    }
  }
  return undefined;
}

function canonicalArgs(args: CommandArgs | undefined): string {
  const entries = Object.entries(args ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify(entries);
}

/** A failed command result. */
export function failure(id: string, code: ErrorCode, message: string): CommandResultMessage {
  return { type: "commandResult", id, ok: false, error: { code, message } };
}

/** The devices a desk checks commands against: the gateway's, or the simulator's own. */
export interface CommandTarget {
  readonly id: string;
  readonly kind: string;
  readonly commands: readonly CommandInfo[];
  readonly online: boolean;
}

/** What the command desk needs: where devices are, who runs commands, and where to report. */
export interface CommandDeskOptions<D extends CommandTarget = FleetDevice> {
  find(id: string): D | undefined;
  /** Runs a checked command on its device; calls `done` exactly once. */
  execute(device: D, command: CommandMessage, done: ResultListener): void;
  now: () => number;
  /** Called once per executed (not duplicate) command with its result. */
  onResult: (result: CommandResultMessage) => void;
  /** Also called with the command it answers (for the logbook and the audit log). */
  onSettled?: (command: SettledCommand, result: CommandResultMessage) => void;
}

/** A command that got its result: what was asked, by whom, when sent and answered (epoch ms). */
export interface SettledCommand {
  device: string;
  name: string;
  args: CommandArgs;
  by: string | undefined;
  sentAt: number;
  answeredAt: number;
}

/** Receives commands from every session, runs each id at most once, and answers. */
export class CommandDesk<D extends CommandTarget = FleetDevice> {
  private readonly remembered = new Map<string, Remembered>();
  private closed = false;

  constructor(private readonly options: CommandDeskOptions<D>) {}

  /**
   * Handles one command from `by` (a user name; the caller has checked the role); `reply` gets
   * exactly one result (now, or when the device answers).
   */
  submit(command: CommandMessage, reply: ResultListener, by?: string): void {
    const now = this.options.now();
    this.forgetOld(now);
    const argsKey = canonicalArgs(command.args);
    const known = this.remembered.get(command.id);
    if (known) {
      if (known.device !== command.device || known.name !== command.name || known.argsKey !== argsKey) {
        reply(
          failure(
            command.id,
            "id_conflict",
            `command id "${command.id}" was already used for ${known.name} on ${known.device} with other arguments`,
          ),
        );
      } else if (known.result) reply(known.result);
      else known.waiters.push(reply);
      return;
    }
    const entry: Remembered = {
      device: command.device,
      name: command.name,
      args: command.args ?? {},
      argsKey,
      by,
      at: now,
      result: undefined,
      waiters: [reply],
    };
    this.remembered.set(command.id, entry);
    const rejection = this.check(command, now);
    if (rejection) {
      this.settle(entry, rejection);
      return;
    }
    this.options.execute(this.options.find(command.device) as D, command, (result) => {
      if (!entry.result && !this.closed) this.settle(entry, result);
    });
  }

  /** Checks done on arrival; undefined when the command may be sent to the device. */
  private check(command: CommandMessage, now: number): CommandResultMessage | undefined {
    const { id } = command;
    if (command.deadline !== undefined && command.deadline <= now) {
      return failure(
        id,
        "expired",
        `command ${id} arrived after its deadline (${now - command.deadline} ms late)`,
      );
    }
    const device = this.options.find(command.device);
    if (!device) return failure(id, "unknown_device", `no device "${command.device}"`);
    const info = device.commands.find((c) => c.name === command.name);
    if (!info) {
      const names = device.commands.map((c) => c.name).join(", ");
      return failure(
        id,
        "unknown_command",
        `${device.kind} ${device.id} has no command "${command.name}" (it has ${names})`,
      );
    }
    const problem = validateArgs(info, command.args ?? {});
    if (problem) return failure(id, "invalid_args", problem);
    if (!device.online) return failure(id, "device_offline", `device ${device.id} is offline`);
    return undefined;
  }

  private settle(entry: Remembered, result: CommandResultMessage): void {
    entry.result = result;
    this.options.onResult(result);
    const { device, name, args, by, at } = entry;
    this.options.onSettled?.({ device, name, args, by, sentAt: at, answeredAt: this.options.now() }, result);
    const waiters = entry.waiters;
    entry.waiters = [];
    for (const reply of waiters) reply(result);
  }

  private forgetOld(now: number): void {
    // Map iteration is insertion order, so the oldest ids come first.
    for (const [id, entry] of this.remembered) {
      const tooMany = this.remembered.size > MAX_REMEMBERED;
      if (!tooMany && now - entry.at < RETAIN_MS) break;
      if (!entry.result && !tooMany) break;
      this.remembered.delete(id);
    }
  }

  /** Commands remembered right now (for tests and /healthz). */
  get size(): number {
    return this.remembered.size;
  }

  /** Stops answering (server shutdown); the source cancels what it still runs. */
  close(): void {
    this.closed = true;
  }
}
