/**
 * Once a second, tells every dashboard what changed in the server's own health that it shows on
 * the Health page: the history store going down or coming back (`historyStatus`, v1.2) and the
 * alert webhooks failing, giving up, or their backlog filling or emptying (`webhookStatus`, v1.3);
 * every 5 s, the server's own health (`serverStats`, v1.4).
 */

import { SERVER_STATS_MS } from "../../src/protocol/constants";
import type { HistoryCapability, ServerStats, WebhookStatus } from "../../src/protocol/messages";
import { encodeMessage } from "../../src/protocol/server";
import type { Recorder } from "./recorder";

/** How often the store's and the webhooks' status are checked. */
export const STATUS_CHECK_MS = 1000;

/** True when the Health page must hear about the webhooks: a failure, a give-up, or the backlog filling or emptying. */
export function webhookNews(last: WebhookStatus, now: WebhookStatus): boolean {
  return (
    now.failedAttempts !== last.failedAttempts ||
    now.expired !== last.expired ||
    (now.pending === 0) !== (last.pending === 0)
  );
}

/** What the feed reads and where it sends. */
export interface StatusFeedOptions {
  recorder: Recorder;
  webhooks(): WebhookStatus | undefined;
  /** Sends a frame to every ready client. */
  toEveryone(frame: string): void;
  /** The store's status changed: what `welcome.history` says from now on. */
  onHistory(capability: HistoryCapability): void;
  /** The server's own health, sent to everyone every `SERVER_STATS_MS` (`serverStats`, v1.4). */
  serverStats?(): ServerStats;
  now(): number;
}

/** Starts the feed; returns a function that stops it. */
export function startStatusFeed(options: StatusFeedOptions): () => void {
  const { recorder, toEveryone, now } = options;
  recorder.checkStatus(now());
  options.onHistory(recorder.capability());
  let lastWebhooks = options.webhooks();
  const timer = setInterval(() => {
    const check = recorder.checkStatus(now());
    if (check?.changed) {
      options.onHistory(recorder.capability());
      toEveryone(encodeMessage({ type: "historyStatus", ...check.status }));
    }
    const webhooks = options.webhooks();
    if (webhooks && lastWebhooks && webhookNews(lastWebhooks, webhooks))
      toEveryone(encodeMessage({ type: "webhookStatus", ...webhooks }));
    lastWebhooks = webhooks;
  }, STATUS_CHECK_MS);
  const { serverStats } = options;
  const statsTimer = serverStats
    ? setInterval(() => toEveryone(encodeMessage({ type: "serverStats", ...serverStats() })), SERVER_STATS_MS)
    : undefined;
  return () => {
    clearInterval(timer);
    clearInterval(statsTimer);
  };
}
