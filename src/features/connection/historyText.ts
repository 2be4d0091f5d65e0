import { formatAgo, formatClock } from "../../charts/format";
import { t } from "../../i18n/i18n";
import type { HistoryCapability, WebhookStatus } from "../../protocol/messages";

function formatBytes(bytes: number): string {
  if (bytes >= 1024 ** 2) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} kB`;
  return `${bytes} B`;
}

/** The health panel's line for alert webhooks: delivered, failing, given up, waiting. */
export function webhookHealth(webhooks: WebhookStatus | undefined, now: number): string {
  if (!webhooks) return t("webhooks.none");
  const failures =
    webhooks.failedAttempts > 0 && webhooks.lastFailureAt !== null
      ? t("webhooks.failures", {
          count: webhooks.failedAttempts,
          time: formatClock(webhooks.lastFailureAt),
          ago: formatAgo(webhooks.lastFailureAt, now),
        })
      : t("webhooks.noFailures");
  const expired = webhooks.expired > 0 ? t("webhooks.expired", { count: webhooks.expired }) : "";
  const waiting = webhooks.pending > 0 ? t("webhooks.waiting", { count: webhooks.pending }) : "";
  return t("webhooks.line", {
    urls: webhooks.urls,
    delivered: webhooks.delivered,
    failures,
    expired,
    waiting,
  });
}

/**
 * The health panel's line for the history store: durable or memory only, up or down since when,
 * what waits on the server and what was lost. `undefined`: a server older than v1.2.
 */
export function historyHealth(history: HistoryCapability | undefined, now: number): string {
  if (!history) return t("history.notReported");
  if (!history.durable) return t("history.memoryOnly");
  const status = history.status;
  if (!status) return t("history.durable");
  const since = t("source.since", { time: formatClock(status.since), ago: formatAgo(status.since, now) });
  const dropped = status.samplesDropped > 0 ? t("history.dropped", { count: status.samplesDropped }) : "";
  if (status.up) {
    const waiting =
      status.bufferedBytes > 0 ? t("history.waited", { size: formatBytes(status.bufferedBytes) }) : "";
    return t("history.writing", { since, waiting, dropped });
  }
  return t("history.unreachable", { since, size: formatBytes(status.bufferedBytes), dropped });
}
