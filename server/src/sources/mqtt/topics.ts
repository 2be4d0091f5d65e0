/**
 * The MQTT topic layout of a fleet (docs/MQTT.md): one branch per device under `fleet/`, and one
 * response topic per server under `fleet-servers/`, outside the device wildcards.
 */

/** Root of every device topic. */
export const FLEET_ROOT = "fleet";

/** What a device publishes (and the server subscribes to), by topic suffix. */
export type DeviceChannel = "info" | "status" | "telemetry" | "state";

/** Subscriptions a fleet source makes, one per channel. */
export const SOURCE_SUBSCRIPTIONS: readonly string[] = ["info", "status", "telemetry", "state"].map(
  (channel) => `${FLEET_ROOT}/+/${channel}`,
);

/**
 * Device ids usable in topics and in protocol v1: 1 to 64 letters, digits, `.`, `_`, `-` or `:`,
 * starting with a letter or digit (so no MQTT wildcards, no `/`, no `$`).
 */
const DEVICE_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;

/** True when `id` can be a device id. */
export function isDeviceId(id: string): boolean {
  return DEVICE_ID.test(id);
}

/** `fleet/<device>/<channel>`. */
export function deviceTopic(device: string, channel: DeviceChannel): string {
  return `${FLEET_ROOT}/${device}/${channel}`;
}

/** `fleet/<device>/commands/<name>`: where the server sends a command. */
export function commandTopic(device: string, name: string): string {
  return `${FLEET_ROOT}/${device}/commands/${name}`;
}

/** The wildcard a device subscribes to for its commands. */
export function commandWildcard(device: string): string {
  return `${FLEET_ROOT}/${device}/commands/+`;
}

/** The topic where devices answer the commands of one server (its `session`). */
export function responseTopic(server: string): string {
  return `fleet-servers/${server}/responses`;
}

/** A device topic taken apart, or undefined when it is not one of ours or the id is invalid. */
export function parseDeviceTopic(topic: string): { device: string; channel: DeviceChannel } | undefined {
  const parts = topic.split("/");
  if (parts.length !== 3 || parts[0] !== FLEET_ROOT) return undefined;
  const [, device, channel] = parts as [string, string, string];
  if (!isDeviceId(device)) return undefined;
  if (channel !== "info" && channel !== "status" && channel !== "telemetry" && channel !== "state")
    return undefined;
  return { device, channel };
}

/** The command name of `fleet/<device>/commands/<name>`, or undefined. */
export function parseCommandTopic(topic: string, device: string): string | undefined {
  const prefix = `${FLEET_ROOT}/${device}/commands/`;
  if (!topic.startsWith(prefix)) return undefined;
  const name = topic.slice(prefix.length);
  return name.length > 0 && name.length <= 64 && !name.includes("/") ? name : undefined;
}
