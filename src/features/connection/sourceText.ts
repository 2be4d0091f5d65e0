import { formatAgo, formatClock } from "../../charts/format";
import type { SourceStatus } from "../../protocol/messages";

/** `MQTT broker mqtt://host:1883` or `built-in simulator`. */
export function describeSource(source: SourceStatus): string {
  return source.kind === "mqtt" ? `MQTT broker ${source.broker ?? ""}`.trim() : "built-in simulator";
}

/** The health panel's line for the fleet source: what it is, and up or down since when. */
export function sourceHealth(source: SourceStatus | undefined, now: number): string {
  if (!source) return "not reported by this server";
  const since = `since ${formatClock(source.since)} (${formatAgo(source.since, now)})`;
  return `${describeSource(source)}, ${source.connected ? "connected" : "unreachable"} ${since}`;
}

/**
 * The banner shown while the server cannot reach its broker, or undefined when it can. Says
 * plainly that the devices are not at fault and the dashboard is still connected.
 * `serverNow` is the server's clock (source times are server times).
 */
export function sourceOutage(source: SourceStatus | undefined, serverNow: number): string | undefined {
  if (!source || source.connected) return undefined;
  return (
    `The server cannot reach its ${describeSource(source)} since ${formatClock(source.since)} ` +
    `(${formatAgo(source.since, serverNow)}). Every device shows offline until the broker is back; ` +
    "this dashboard is still connected to the server and will update by itself."
  );
}
