/**
 * The server's own health for dashboards (`serverStats`, v1.4): what it already measures for
 * `/metrics`, summed over the interval since the last snapshot (values ingested, tick lag p99)
 * or read now (dashboards, the store, the broker, the webhooks).
 */
import type { ServerStats, SourceStatus, WebhookStatus } from "../../src/protocol/messages";
import type { StoreStats } from "./store/historyStore";

/** Tick lags kept per interval (a 100 ms tick over 5 s is 50): bounded, newest win. */
const MAX_LAGS = 1000;

/** What a snapshot reads besides what the meter counted. */
export interface ServerStatsInputs {
  at: number;
  dashboards: number;
  store: StoreStats | undefined;
  source: SourceStatus;
  webhooks: WebhookStatus | undefined;
}

/** The p-th percentile (0..1) of `values` (sorted in place); 0 for none. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  values.sort((a, b) => a - b);
  return values[Math.min(values.length - 1, Math.ceil(p * values.length) - 1)] ?? 0;
}

/** Counts values and tick lags between snapshots. */
export class ServerStatsMeter {
  private values = 0;
  private lags: number[] = [];
  private since: number;

  constructor(now: number) {
    this.since = now;
  }

  ingested(count: number): void {
    this.values += count;
  }

  tick(lagMs: number): void {
    if (this.lags.length < MAX_LAGS) this.lags.push(lagMs);
  }

  /** The stats since the previous snapshot; starts a new interval. */
  snapshot(inputs: ServerStatsInputs): ServerStats {
    const seconds = Math.max(0.001, (inputs.at - this.since) / 1000);
    const stats: ServerStats = {
      at: inputs.at,
      dashboards: inputs.dashboards,
      valuesPerSecond: Math.round(this.values / seconds),
      tickLagP99Ms: Math.round(percentile(this.lags, 0.99) * 10) / 10,
      store: inputs.store
        ? {
            up: !inputs.store.unavailable,
            commitMs: inputs.store.commitMs.last,
            bufferedBytes: inputs.store.bufferedBytes,
          }
        : null,
      brokerConnected: inputs.source.kind === "mqtt" ? inputs.source.connected : null,
      webhookFailures: inputs.webhooks ? inputs.webhooks.failedAttempts : null,
    };
    this.values = 0;
    this.lags = [];
    this.since = inputs.at;
    return stats;
  }
}
