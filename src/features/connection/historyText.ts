import { formatAgo, formatClock } from "../../charts/format";
import type { HistoryCapability, WebhookStatus } from "../../protocol/messages";

function formatBytes(bytes: number): string {
  if (bytes >= 1024 ** 2) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} kB`;
  return `${bytes} B`;
}

/** The health panel's line for alert webhooks: delivered, failing, given up, waiting. */
export function webhookHealth(webhooks: WebhookStatus | undefined, now: number): string {
  if (!webhooks) return "none configured (or not reported by this server)";
  const failures =
    webhooks.failedAttempts > 0 && webhooks.lastFailureAt !== null
      ? `, ${webhooks.failedAttempts} failed attempts (last ${formatClock(webhooks.lastFailureAt)}, ${formatAgo(webhooks.lastFailureAt, now)})`
      : ", no failures";
  const expired = webhooks.expired > 0 ? `, ${webhooks.expired} given up after 10 min of retries` : "";
  const waiting = webhooks.pending > 0 ? `, ${webhooks.pending} waiting` : "";
  return `${webhooks.urls} URL${webhooks.urls === 1 ? "" : "s"}: ${webhooks.delivered} delivered${failures}${expired}${waiting}`;
}

/**
 * The health panel's line for the history store: durable or memory only, up or down since when,
 * what waits on the server and what was lost. `undefined`: a server older than v1.2.
 */
export function historyHealth(history: HistoryCapability | undefined, now: number): string {
  if (!history) return "not reported by this server (older than v1.2)";
  if (!history.durable) return "memory only: the server keeps recent samples, lost on restart";
  const status = history.status;
  if (!status) return "durable store";
  const since = `since ${formatClock(status.since)} (${formatAgo(status.since, now)})`;
  const dropped =
    status.samplesDropped > 0 ? `; ${status.samplesDropped} samples could not be kept (buffer full)` : "";
  if (status.up) {
    const waiting =
      status.bufferedBytes > 0 ? `, writing ${formatBytes(status.bufferedBytes)} that waited` : "";
    return `durable store, writing ${since}${waiting}${dropped}`;
  }
  return `durable store unreachable ${since}: live data continues, ${formatBytes(status.bufferedBytes)} waiting on the server${dropped}`;
}
