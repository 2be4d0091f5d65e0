/**
 * How simulated devices run commands: after a simulated round trip (50%..150% of
 * `--command-latency`), a device still online applies the command to its model, or fails with
 * `device_error` at `--command-failure-rate` (fault injection). The desk in front of it (the
 * gateway's, or the publisher's own) has already checked the command.
 */

import { failure, type ResultListener } from "../../server/src/commands";
import type { CommandMessage } from "../../src/protocol/messages";
import type { Rng } from "./rng";
import type { SimDevice } from "./simFleet";

/** Settings of simulated command execution. */
export interface SimCommandOptions {
  rng: Rng;
  /** Chance that a command fails with `device_error`. */
  failureRate: number;
  /** Mean simulated round trip, ms. */
  latency: number;
  now: () => number;
  /** A command changed the device's state (in `device.model.state`). */
  onStateChange: (device: SimDevice) => void;
}

/** Runs commands on simulated devices. */
export class SimCommands {
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(private readonly options: SimCommandOptions) {}

  /** Runs `command` on `device` after the simulated round trip; `done` gets exactly one result. */
  run(device: SimDevice, command: CommandMessage, done: ResultListener): void {
    const { latency, rng } = this.options;
    const delay = latency > 0 ? Math.round(latency * rng.range(0.5, 1.5)) : 0;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      done(this.execute(device, command));
    }, delay);
    this.timers.add(timer);
  }

  private execute(device: SimDevice, command: CommandMessage): ReturnType<typeof failure> {
    const { rng, failureRate, now } = this.options;
    const { id } = command;
    if (command.deadline !== undefined && command.deadline <= now()) {
      return failure(id, "expired", `command ${id} reached its deadline before ${device.id} ran it`);
    }
    if (!device.online)
      return failure(id, "device_offline", `device ${device.id} went offline before running ${command.name}`);
    if (failureRate > 0 && rng.chance(failureRate)) {
      return failure(
        id,
        "device_error",
        `device ${device.id} failed to run ${command.name} (simulated failure)`,
      );
    }
    device.model.apply(command.name, command.args ?? {});
    this.options.onStateChange(device);
    return { type: "commandResult", id, ok: true, state: { ...device.model.state } };
  }

  /** Cancels commands still under way (shutdown). */
  close(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}
