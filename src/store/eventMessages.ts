/** The words the event log uses for connection changes, device status and command outcomes. */

import { errorText } from "../i18n/errors";
import { formatNumber, formatTimeOfDay } from "../i18n/format";
import { hasMessage, type MessageId, t } from "../i18n/i18n";
import { PROTOCOL_VERSION } from "../protocol/constants";
import type { HistoryStatus, SourceStatus, WebhookStatus } from "../protocol/messages";
import type { DashboardStoreState } from "./createDashboardStore";
import type { CommandEntry, ConnectionState, NewDashboardEvent } from "./dashboardTypes";

/** The words of a close reason the server (or the client) is known to give; any other as it came. */
const CLOSE_REASONS: Record<string, MessageId> = {
  "session ended": "eventLog.sessionEnded",
  "signed out": "eventLog.signedOut",
  "the server requires a valid token": "eventLog.needsToken",
};

function closeReason(reason: string): string {
  const id = CLOSE_REASONS[reason];
  return id ? t(id) : reason;
}

/** The log line for a connection state change, or undefined when not worth a line. */
export function connectionEvent(
  previous: ConnectionState,
  next: ConnectionState,
): NewDashboardEvent | undefined {
  if (previous.status === next.status) return undefined;
  switch (next.status) {
    case "live":
      return { kind: "connection", level: "info", message: t("eventLog.live") };
    case "reconnecting":
      return { kind: "connection", level: "warning", message: t("eventLog.reconnecting") };
    case "offline":
      return { kind: "connection", level: "warning", message: t("eventLog.offline") };
    case "unauthorized":
      return {
        kind: "connection",
        level: "error",
        message: t("eventLog.unauthorized", { reason: closeReason(next.reason) }),
        code: "unauthorized",
      };
    case "incompatible":
      return {
        kind: "connection",
        level: "error",
        message: t("eventLog.incompatible", { server: next.serverProtocol, client: PROTOCOL_VERSION }),
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
  const broker = next.broker;
  return next.connected
    ? {
        kind: "connection",
        level: "info",
        message: broker ? t("eventLog.brokerBack", { broker }) : t("eventLog.sourceBack"),
      }
    : {
        kind: "connection",
        level: "error",
        message: broker ? t("eventLog.brokerLost", { broker }) : t("eventLog.sourceLost"),
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
      message: t("eventLog.historyDropped", { count: dropped }),
      code: "history_dropped",
    };
  if (next.up === (previous?.up ?? true)) return undefined;
  return next.up
    ? {
        kind: "connection",
        level: "info",
        message: t("eventLog.historyBack"),
      }
    : {
        kind: "connection",
        level: "error",
        message: t("eventLog.historyDown"),
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
      message: t("eventLog.webhooksExpired", { count: expired }),
      code: "webhook_expired",
    };
  if (next.failedAttempts > previous.failedAttempts && previous.failedAttempts === 0)
    return {
      kind: "connection",
      level: "warning",
      message: t("eventLog.webhookFailing"),
      code: "webhook_failing",
    };
  return undefined;
}

/** A device kind in words (`kind.<kind>`), or as the server names it. */
function kindLabel(kind: string): string {
  const id = `kind.${kind}`;
  return hasMessage(id) ? t(id) : kind;
}

/** The log line for a device joining the fleet while the dashboard is open. */
export function deviceAddedEvent(info: { id: string; name: string; kind: string }): NewDashboardEvent {
  return {
    kind: "device",
    level: "info",
    device: info.id,
    message: t("eventLog.deviceJoined", { name: info.name, kind: kindLabel(info.kind) }),
  };
}

/** The log line for a device going on/offline. */
export function deviceStatusEvent(deviceId: string, name: string, online: boolean): NewDashboardEvent {
  return {
    kind: "device",
    level: online ? "info" : "warning",
    device: deviceId,
    message: t(online ? "eventLog.deviceOnline" : "eventLog.deviceOffline", { name }),
  };
}

/** "20 ms", "2.5 s", "60 s": a span in the reader's numbers and units. */
function duration(ms: number): string {
  if (ms < 1000) return t("eventLog.ms", { ms: formatNumber(Math.round(ms)) });
  const seconds = ms / 1000;
  const digits = seconds < 10 ? 1 : 0;
  return t("eventLog.seconds", {
    seconds: formatNumber(seconds, { minimumFractionDigits: digits, maximumFractionDigits: digits }),
  });
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
  const count = toSeq - fromSeq + 1;
  const span = rate && rate > 0 ? duration((count / rate) * 1000) : "";
  return {
    kind: "device",
    level: "warning",
    device: deviceId,
    message: t(span ? "eventLog.gapFor" : "eventLog.gap", { name, count, span }),
  };
}

/** The log line for a server restart when the samples held cannot be resumed (before v1.2). */
export function serverRestartedEvent(): NewDashboardEvent {
  return { kind: "connection", level: "warning", message: t("eventLog.restarted") };
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
  const values = { from: formatTimeOfDay(resumedFrom), count: replayed };
  return {
    kind: "connection",
    level: "warning",
    message:
      silentMs > 0
        ? t("eventLog.resumedSilent", { ...values, silence: duration(silentMs) })
        : t("eventLog.resumed", values),
  };
}

/** The log line for a finished command. */
export function commandEvent(entry: CommandEntry, deviceName: string): NewDashboardEvent | undefined {
  const label = `command.${entry.name}`;
  const what = { command: hasMessage(label) ? t(label) : entry.name, device: deviceName };
  switch (entry.status) {
    case "succeeded":
      return {
        kind: "command",
        level: "info",
        device: entry.device,
        message: t("eventLog.commandSucceeded", what),
      };
    case "failed":
      return {
        kind: "command",
        level: "error",
        device: entry.device,
        message: t("eventLog.commandFailed", {
          ...what,
          reason: entry.error ? errorText(entry.error.code, entry.error.message) : t("eventLog.unknownError"),
        }),
        ...(entry.error ? { code: entry.error.code } : {}),
      };
    case "timed_out":
      return {
        kind: "command",
        level: "error",
        device: entry.device,
        message: t("eventLog.commandTimedOut", what),
        code: "timeout",
      };
    default:
      return undefined;
  }
}
