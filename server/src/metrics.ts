/**
 * Prometheus metrics of one server instance, served at `/metrics`. Each server has its own
 * registry, so several servers in one process (tests) never share or clash.
 */
import { Counter, Gauge, Histogram, Registry } from "prom-client";
import type { StoreStats } from "./store/historyStore";

/** The counters and gauges the server updates; see docs/PROTOCOL.md for the list. */
export interface ServerMetrics {
  registry: Registry;
  connections: Gauge;
  connectionsTotal: Counter;
  rejectedConnections: Counter<"reason">;
  framesIn: Counter;
  bytesIn: Counter;
  framesOut: Counter;
  bytesOut: Counter;
  skippedFrames: Counter;
  samples: Counter;
  tickLag: Histogram;
  commands: Counter<"result">;
  devicesOnline: Gauge;
  historyQuery: Histogram;
}

/** Creates the metrics and their registry; `countOnline` is read at scrape time. */
export function createMetrics(countOnline: () => number): ServerMetrics {
  const registry = new Registry();
  const registers = [registry];
  return {
    registry,
    connections: new Gauge({ name: "fleet_connections", help: "Open WebSocket connections", registers }),
    connectionsTotal: new Counter({
      name: "fleet_connections_total",
      help: "WebSocket connections accepted",
      registers,
    }),
    rejectedConnections: new Counter({
      name: "fleet_connections_rejected_total",
      help: "WebSocket upgrades refused, by reason (origin, capacity, path)",
      labelNames: ["reason"],
      registers,
    }),
    framesIn: new Counter({ name: "fleet_frames_in_total", help: "Frames received from clients", registers }),
    bytesIn: new Counter({ name: "fleet_bytes_in_total", help: "Bytes received from clients", registers }),
    framesOut: new Counter({ name: "fleet_frames_out_total", help: "Frames sent to clients", registers }),
    bytesOut: new Counter({ name: "fleet_bytes_out_total", help: "Bytes sent to clients", registers }),
    skippedFrames: new Counter({
      name: "fleet_skipped_frames_total",
      help: "Live data frames skipped for clients over the buffer cap (replayed or reported as gap later)",
      registers,
    }),
    samples: new Counter({ name: "fleet_samples_total", help: "Samples produced by all devices", registers }),
    tickLag: new Histogram({
      name: "fleet_tick_lag_seconds",
      help: "How late each fleet tick ran compared with its schedule",
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5],
      registers,
    }),
    commands: new Counter({
      name: "fleet_commands_total",
      help: "Command results by result (ok or error code), duplicates excluded",
      labelNames: ["result"],
      registers,
    }),
    historyQuery: new Histogram({
      name: "fleet_history_query_seconds",
      help: "Duration of /api/history queries",
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5],
      registers,
    }),
    devicesOnline: new Gauge({
      name: "fleet_devices_online",
      help: "Devices currently online",
      registers,
      collect() {
        this.set(countOnline());
      },
    }),
  };
}

/**
 * The history store's figures on `/metrics`, read from its stats at scrape time: values written,
 * samples dropped (buffer full while the store was unreachable), samples waiting, commit latency
 * and bytes per tier.
 */
export function addStoreMetrics(registry: Registry, stats: () => StoreStats): void {
  const registers = [registry];
  new Gauge({
    name: "fleet_store_values_written",
    help: "Values committed to the history store since start",
    registers,
    collect() {
      this.set(stats().valuesWritten);
    },
  });
  new Gauge({
    name: "fleet_store_samples_dropped",
    help: "Samples dropped because the store's write buffer was full (store unreachable too long)",
    registers,
    collect() {
      this.set(stats().samplesDropped);
    },
  });
  new Gauge({
    name: "fleet_store_buffered_bytes",
    help: "Bytes of samples waiting to be committed",
    registers,
    collect() {
      this.set(stats().bufferedBytes);
    },
  });
  new Gauge({
    name: "fleet_store_commit_seconds",
    help: "Duration of the last commit to the store (write latency), by last or max",
    labelNames: ["which"],
    registers,
    collect() {
      const { commitMs } = stats();
      this.set({ which: "last" }, commitMs.last / 1000);
      this.set({ which: "max" }, commitMs.max / 1000);
    },
  });
  new Gauge({
    name: "fleet_store_bytes",
    help: "Bytes on disk of the history store, by tier (total includes overhead)",
    labelNames: ["tier"],
    registers,
    collect() {
      const { bytes } = stats();
      for (const tier of ["raw", "1m", "1h", "total"] as const) this.set({ tier }, bytes[tier]);
    },
  });
  new Gauge({
    name: "fleet_store_up",
    help: "1 while the history store accepts writes, 0 while it is unreachable",
    registers,
    collect() {
      this.set(stats().unavailable ? 0 : 1);
    },
  });
}

/** The alert engine's and the webhooks' figures on `/metrics` (docs/ALERTS.md). */
export interface AlertMetrics {
  /** Alert transitions by state (pending, firing, resolved, no_data, acknowledged). */
  transitions: Counter<"state">;
  /** Webhook POSTs by result: `ok` (2xx) or `failed` (error, timeout, other status; retried). */
  deliveries: Counter<"result">;
  /** Transitions never delivered: `expired` (10 min of retries) or `queue_full`. */
  dropped: Counter<"reason">;
}

/** Registers the alert metrics; `open` and `logDropped` are read at scrape time. */
export function addAlertMetrics(
  registry: Registry,
  read: { open(): number; logDropped(): number },
): AlertMetrics {
  const registers = [registry];
  new Gauge({
    name: "fleet_alerts_open",
    help: "Alerts not resolved (pending, firing or no_data) held by this server",
    registers,
    collect() {
      this.set(read.open());
    },
  });
  new Gauge({
    name: "fleet_alert_log_dropped",
    help: "Alert transitions dropped because the alert log's bounded queue was full (store unreachable)",
    registers,
    collect() {
      this.set(read.logDropped());
    },
  });
  return {
    transitions: new Counter({
      name: "fleet_alert_transitions_total",
      help: "Alert transitions by state",
      labelNames: ["state"],
      registers,
    }),
    deliveries: new Counter({
      name: "fleet_webhook_deliveries_total",
      help: "Webhook POSTs by result (ok: 2xx; failed: error, timeout or other status, retried with backoff)",
      labelNames: ["result"],
      registers,
    }),
    dropped: new Counter({
      name: "fleet_webhook_dropped_total",
      help: "Alert transitions never delivered to a webhook, by reason (expired after 10 min of retries, queue_full)",
      labelNames: ["reason"],
      registers,
    }),
  };
}
