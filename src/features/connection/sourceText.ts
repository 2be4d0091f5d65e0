import { formatAgo, formatClock } from "../../charts/format";
import { t } from "../../i18n/i18n";
import type { SourceStatus } from "../../protocol/messages";

/** `MQTT broker mqtt://host:1883` or `built-in simulator`. */
export function describeSource(source: SourceStatus): string {
  return source.kind === "mqtt"
    ? t("source.mqtt", { broker: source.broker ?? "" }).trim()
    : t("source.simulator");
}

/** The health panel's line for the fleet source: what it is, and up or down since when. */
export function sourceHealth(source: SourceStatus | undefined, now: number): string {
  if (!source) return t("source.notReported");
  const since = t("source.since", { time: formatClock(source.since), ago: formatAgo(source.since, now) });
  return t("source.health", {
    source: describeSource(source),
    state: source.connected ? "up" : "down",
    since,
  });
}

/**
 * The banner shown while the server cannot reach its broker, or undefined when it can. Says
 * plainly that the devices are not at fault and the dashboard is still connected.
 * `serverNow` is the server's clock (source times are server times).
 */
export function sourceOutage(source: SourceStatus | undefined, serverNow: number): string | undefined {
  if (!source || source.connected) return undefined;
  return t("source.outage", {
    source: describeSource(source),
    time: formatClock(source.since),
    ago: formatAgo(source.since, serverNow),
  });
}
