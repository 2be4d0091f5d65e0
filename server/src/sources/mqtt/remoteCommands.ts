/**
 * Commands to real devices over MQTT 5: the server publishes `fleet/<device>/commands/<name>`
 * with its response topic and the command id as correlation data, and waits for the device's
 * answer until the command's deadline (or `COMMAND_TIMEOUT_MS`), after which the result is
 * `timeout`. The command desk in front of this already runs each id at most once per server;
 * devices dedup by correlation id, which makes it at most once across servers too.
 */
import type { MqttClient } from "mqtt";
import type { CommandResultMessage, DeviceState } from "../../../../src/protocol";
import type { FleetDevice } from "../../fleet";
import type { FleetSource, ResultListener } from "../../fleetSource";
import type { InputGuard } from "./inputGuard";
import { commandTopic } from "./topics";
import { checkResponse, parseJson } from "./validate";

/** How long a command without a deadline waits for the device's answer. */
export const COMMAND_TIMEOUT_MS = 10_000;

interface Pending {
  device: FleetDevice;
  done: ResultListener;
  timer: NodeJS.Timeout;
}

/** What remote commands need from the source. */
export interface RemoteCommandsOptions {
  client: MqttClient;
  /** This server's response topic. */
  responseTopic: string;
  guard: InputGuard;
  now(): number;
  /** A successful answer carried the device's new state. */
  onState(device: FleetDevice, state: DeviceState): void;
}

/** Commands in flight to devices, by command id. */
export class RemoteCommands {
  private readonly pending = new Map<string, Pending>();

  constructor(private readonly options: RemoteCommandsOptions) {}

  /** Sends a checked command to its device; `done` gets the answer or `timeout`. */
  readonly execute: FleetSource["execute"] = (device, command, done) => {
    const { client, responseTopic, now } = this.options;
    const deadline = command.deadline ?? now() + COMMAND_TIMEOUT_MS;
    const timer = setTimeout(
      () => {
        this.pending.delete(command.id);
        done({
          type: "commandResult",
          id: command.id,
          ok: false,
          error: {
            code: "timeout",
            message: `device ${device.id} did not answer ${command.name} by its deadline; it may or may not have run it`,
          },
        });
      },
      Math.max(0, deadline - now()),
    );
    this.pending.set(command.id, { device, done, timer });
    // The deadline travels with the command, so a device that gets it late (say, queued while
    // the broker was away) refuses it instead of running it after we answered `timeout`.
    const payload = JSON.stringify({ args: command.args ?? {}, deadline });
    client.publish(commandTopic(device.id, command.name), payload, {
      qos: 1,
      properties: { responseTopic, correlationData: Buffer.from(command.id, "utf8") },
    });
  };

  /** Handles a message on the response topic. */
  onResponse(payload: Buffer, correlationData: Buffer | undefined): void {
    const id = correlationData?.toString("utf8");
    const entry = id === undefined ? undefined : this.pending.get(id);
    // Answers to commands we no longer wait for (timed out, or another server's) are dropped.
    if (!entry || id === undefined) return;
    const { guard } = this.options;
    const json = parseJson(payload);
    const checked = json.ok ? checkResponse(json.value, id) : json;
    if (!checked.ok) {
      guard.reject(entry.device.id, checked);
      return;
    }
    this.pending.delete(id);
    clearTimeout(entry.timer);
    const result: CommandResultMessage = checked.value;
    if (result.ok && result.state) this.options.onState(entry.device, result.state);
    entry.done(result);
  }

  /** Stops waiting for every answer (server shutdown). */
  close(): void {
    for (const entry of this.pending.values()) clearTimeout(entry.timer);
    this.pending.clear();
  }
}
