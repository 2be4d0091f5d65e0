/** The words the event log uses for connection changes, device status and command outcomes. */

import { PROTOCOL_VERSION } from "../protocol/constants";
import type { HistoryStatus, SourceStatus, WebhookStatus } from "../protocol/messages";
import type { DashboardStoreState } from "./createDashboardStore";
import type { CommandEntry, ConnectionState, NewDashboardEvent } from "./dashboardTypes";

/** The log line for a connection state change, or undefined when not worth a line. */
export function connectionEvent(
  previous: ConnectionState,
  next: ConnectionState,
): NewDashboardEvent | undefined {
  if (previous.status === next.status) return undefined;
  switch (next.status) {
    case "live":
      return { kind: "connection", level: "info", message: "Connected: live data" };
    case "reconnecting":
      return { kind: "connection", level: "warning", message: "Connection lost: reconnecting" };
    case "offline":
      return { kind: "connection", level: "warning", message: "Network offline: waiting for it to return" };
    case "unauthorized":
      return {
        kind: "connection",
        level: "error",
        message: `Not authorized: ${next.reason}`,
        code: "unauthorized",
      };
    case "incompatible":
      return {
        kind: "connection",
        level: "error",
        message: `The server speaks protocol v${next.serverProtocol}; this dashboard needs v${PROTOCOL_VERSION}`,
      };
    default:
      return undefined;
  }
}

/** Logs a connection change on `state` when it is worth a line. */
export function logConnectionChange(
  state: DashboardStoreState,
  previous: ConnectionState,
  next: ConnectionState,
): void {
  const event = connectionEvent(previous, next);
  if (event) state.logEvent(event);
}

/** The log line for the server losing or regaining its broker, or undefined when nothing changed. */
export function sourceEvent(
  previous: SourceStatus | undefined,
  next: SourceStatus,
): NewDashboardEvent | undefined {
  if (next.connected === (previous?.connected ?? true)) return undefined;
  const where = next.broker ?? "its fleet source";
  return next.connected
    ? { kind: "connection", level: "info", message: `The server reaches ${where} again: devices report in` }
    : {
        kind: "connection",
        level: "error",
        message: `The server lost ${where}: every device is offline until it returns`,
        code: "source_disconnected",
      };
}

/** The log line for the history store going down or coming back, or dropping samples (v1.2). */
export function historyStatusEvent(
  previous: HistoryStatus | undefined,
  next: HistoryStatus,
): NewDashboardEvent | undefined {
  const dropped = next.samplesDropped - (previous?.samplesDropped ?? next.samplesDropped);
  if (dropped > 0)
    return {
      kind: "connection",
      level: "error",
      message: `The history store stayed unreachable too long: ${dropped} samples could not be kept (live data was not affected)`,
      code: "history_dropped",
    };
  if (next.up === (previous?.up ?? true)) return undefined;
  return next.up
    ? {
        kind: "connection",
        level: "info",
        message: "The history store is back: waiting samples are being written",
      }
    : {
        kind: "connection",
        level: "error",
        message: "The history store cannot be reached: live data continues, samples wait on the server",
        code: "history_unavailable",
      };
}

/** The log line for alert webhooks failing or giving up (v1.3); nothing while they deliver. */
export function webhookEvent(
  previous: WebhookStatus | undefined,
  next: WebhookStatus,
): NewDashboardEvent | undefined {
  if (!previous) return undefined;
  const expired = next.expired - previous.expired;
  if (expired > 0)
    return {
      kind: "connection",
      level: "error",
      message: `Alert webhooks gave up on ${expired} notifications after 10 minutes of retries`,
      code: "webhook_expired",
    };
  if (next.failedAttempts > previous.failedAttempts && previous.failedAttempts === 0)
    return {
      kind: "connection",
      level: "warning",
      message: "An alert webhook is failing: the server keeps retrying for up to 10 minutes",
      code: "webhook_failing",
    };
  return undefined;
}

/** The log line for a device joining the fleet while the dashboard is open. */
export function deviceAddedEvent(info: { id: string; name: string; kind: string }): NewDashboardEvent {
  return {
    kind: "device",
    level: "info",
    device: info.id,
    message: `${info.name} (${info.kind}) joined the fleet`,
  };
}

/** The log line for a device going on/offline. */
export function deviceStatusEvent(deviceId: string, name: string, online: boolean): NewDashboardEvent {
  return {
    kind: "device",
    level: online ? "info" : "warning",
    device: deviceId,
    message: `${name} is ${online ? "back online" : "offline"}`,
  };
}

/**
 * The log line for samples the server could no longer provide (`gap`), with how long that is at
 * the device's rate, so the operator knows what the break in the chart stands for.
 */
export function gapEvent(
  deviceId: string,
  name: string,
  fromSeq: number,
  toSeq: number,
  rate: number | undefined,
): NewDashboardEvent {
  const samples = toSeq - fromSeq + 1;
  const seconds = rate && rate > 0 ? samples / rate : undefined;
  const span =
    seconds === undefined
      ? ""
      : seconds < 1
        ? ` (about ${Math.round(seconds * 1000)} ms)`
        : ` (about ${seconds < 10 ? seconds.toFixed(1) : Math.round(seconds)} s)`;
  return {
    kind: "device",
    level: "warning",
    device: deviceId,
    message: `${name}: lost ${samples} ${samples === 1 ? "sample" : "samples"}${span}, no longer held by the server`,
  };
}

/** The log line for a server restart when the samples held cannot be resumed (before v1.2). */
export const SERVER_RESTARTED_EVENT: NewDashboardEvent = {
  kind: "connection",
  level: "warning",
  message: "The server restarted: new session",
};

/** "12.5 s", "1.2 s", "300 ms": a duration in words for the log. */
function duration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = ms / 1000;
  return `${seconds < 10 ? seconds.toFixed(1) : Math.round(seconds)} s`;
}

/**
 * The log line for a restart the charts resumed across (v1.2): from which sample time, how many
 * samples the new run replayed, and how long the break drawn for the downtime is.
 */
export function restartResumedEvent(
  resumedFrom: number,
  replayed: number,
  silentMs: number,
): NewDashboardEvent {
  const from = new Date(resumedFrom).toLocaleTimeString([], { hour12: false });
  const samples = `${replayed} ${replayed === 1 ? "sample" : "samples"} replayed`;
  const silence = silentMs > 0 ? `, no data for ${duration(silentMs)} while it was down` : "";
  return {
    kind: "connection",
    level: "warning",
    message: `The server restarted: resumed from ${from}, ${samples}${silence}`,
  };
}

/** The log line for a finished command. */
export function commandEvent(entry: CommandEntry, deviceName: string): NewDashboardEvent | undefined {
  const what = `${entry.name} on ${deviceName}`;
  switch (entry.status) {
    case "succeeded":
      return { kind: "command", level: "info", device: entry.device, message: `${what} succeeded` };
    case "failed":
      return {
        kind: "command",
        level: "error",
        device: entry.device,
        message: `${what} failed: ${entry.error?.message ?? "unknown error"}`,
        ...(entry.error ? { code: entry.error.code } : {}),
      };
    case "timed_out":
      return {
        kind: "command",
        level: "error",
        device: entry.device,
        message: `${what} timed out`,
        code: "timeout",
      };
    default:
      return undefined;
  }
}
