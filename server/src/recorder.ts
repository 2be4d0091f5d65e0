/**
 * The gateway's side of the history store: opens the store the options name (an embedded store
 * in `--data`, PostgreSQL with `--store`, or none), writes every sample the fleet ingests to it,
 * and after a restart warms each device's in-memory ring from it, so `after` cursors and charts
 * carry on across restarts. Without a store, history questions are answered from the rings.
 */
import type { HistoryCapability, HistoryStatus } from "../../src/protocol/messages";
import type { FleetDevice } from "./fleet";
import type { ResolvedOptions } from "./options";
import { openDuckDbStore } from "./store/duckdbStore";
import type { HistoryAnswer, HistoryQuery, HistoryStore, StoreOptions } from "./store/historyStore";
import { HistoryStoreError } from "./store/historyStore";
import { openPostgresStore } from "./store/postgresStore";
import { bucketStart, MAX_POINTS } from "./store/queryPlan";

export const HISTORY_API_PATH = "/api/history";

/** Opens the store `options` ask for, or resolves undefined for memory-only history. */
export async function openHistoryStore(options: ResolvedOptions): Promise<HistoryStore | undefined> {
  const settings: StoreOptions = {
    retentionRaw: options.retentionRaw,
    retention1m: options.retention1m,
    retention1h: options.retention1h,
    maxBytes: options.storeMaxBytes,
    bufferBytes: options.storeBufferBytes,
  };
  if (options.store) return openPostgresStore({ ...settings, connectionString: options.store });
  if (options.data) return openDuckDbStore({ ...settings, dataDir: options.data });
  return undefined;
}

/** Writes ingested samples to the store and answers history questions. */
export class Recorder {
  /** Each device's metric keys and the decimals its values are rounded to, in its sample order. */
  private readonly layouts = new Map<FleetDevice, { keys: readonly string[]; decimals: readonly number[] }>();

  constructor(
    readonly store: HistoryStore | undefined,
    private readonly options: ResolvedOptions,
  ) {}

  private status: HistoryStatus | undefined;

  /** What `welcome.history` says. */
  capability(): HistoryCapability {
    const { retentionRaw, retention1m, retention1h } = this.options;
    return this.store
      ? {
          durable: true,
          api: HISTORY_API_PATH,
          retention: { raw: retentionRaw, "1m": retention1m, "1h": retention1h },
          ...(this.status ? { status: this.status } : {}),
        }
      : { durable: false, api: HISTORY_API_PATH };
  }

  /**
   * The store's status now, and whether it changed in a way clients must hear about since the
   * last call: up or down, samples dropped, or the waiting buffer filling or emptying.
   */
  checkStatus(now: number): { status: HistoryStatus; changed: boolean } | undefined {
    if (!this.store) return undefined;
    const stats = this.store.stats();
    const last = this.status;
    const up = !stats.unavailable;
    const status: HistoryStatus = {
      up,
      since: last === undefined || last.up !== up ? now : last.since,
      bufferedBytes: stats.bufferedBytes,
      samplesDropped: stats.samplesDropped,
    };
    const changed =
      last !== undefined &&
      (last.up !== up ||
        last.samplesDropped !== status.samplesDropped ||
        (last.bufferedBytes === 0) !== (status.bufferedBytes === 0) ||
        (!up && last.bufferedBytes !== status.bufferedBytes));
    this.status = status;
    return { status, changed };
  }

  /** The store's part of `/healthz`, or undefined without a store. */
  health() {
    if (!this.store) return undefined;
    const stats = this.store.stats();
    return {
      engine: stats.engine,
      up: !stats.unavailable,
      bufferedBytes: stats.bufferedBytes,
      samplesDropped: stats.samplesDropped,
      lastError: stats.lastError ?? null,
    };
  }

  /**
   * Called for every sample the fleet appends (values already rounded to each metric's decimals,
   * which the store keeps them at: integers scaled by 10^decimals).
   */
  ingest(device: FleetDevice, time: number, values: readonly number[]): void {
    if (!this.store) return;
    let layout = this.layouts.get(device);
    if (!layout) {
      layout = {
        keys: device.metrics.map((metric) => metric.key),
        decimals: device.metrics.map((metric) => metric.decimals),
      };
      this.layouts.set(device, layout);
    }
    this.store.append(device.id, time, layout.keys, values, layout.decimals);
  }

  /**
   * Fills the rings of `devices` with their newest stored samples (as many as each ring holds, at
   * most `history` seconds back), so a restarted server replays what its predecessor sent.
   */
  async warmUp(devices: readonly FleetDevice[], now: number): Promise<void> {
    const store = this.store;
    if (!store) return;
    const since = now - this.options.history * 1000;
    for (const device of devices) {
      const ring = device.history;
      if (ring.lastSeq > 0) continue;
      const samples = await store.readRaw(device.id, since, ring.capacity);
      const order = device.metrics.map((metric) => metric.key);
      for (const sample of samples) {
        const values = order.map((key) => sample.values[sample.metrics.indexOf(key)] ?? Number.NaN);
        ring.append(sample.time, values);
      }
    }
  }

  /** `GET /api/history`: from the store, or from the device's ring when there is none. */
  query(q: HistoryQuery, device: FleetDevice): Promise<HistoryAnswer> {
    if (this.store) return this.store.query(q);
    return Promise.resolve(queryRing(q, device));
  }
}

/** Buckets the samples a device's ring holds in `[from, to)` (raw tier, memory-only servers). */
export function queryRing(q: HistoryQuery, device: FleetDevice): HistoryAnswer {
  if (!(q.from < q.to)) throw new HistoryStoreError("bad_request", "from must be before to");
  const ring = device.history;
  const metrics = q.metrics ?? device.metrics.map((metric) => metric.key);
  const index = metrics.map((key) => device.metrics.findIndex((metric) => metric.key === key));
  const first = ring.seqAtOrAfter(q.from);
  const last = ring.seqAtOrAfter(q.to) - 1;
  const count = Math.max(0, last - first + 1);
  const points = Math.min(q.points, MAX_POINTS);
  const bucketMs = count <= points ? 1 : Math.max(1000, Math.ceil((q.to - q.from) / points / 1000) * 1000);
  const answer: HistoryAnswer = {
    device: q.device,
    from: q.from,
    to: q.to,
    tier: "raw",
    bucketMs,
    t: [],
    metrics: {},
  };
  const columns = metrics.map((key) => {
    const column = {
      min: [] as (number | null)[],
      max: [] as (number | null)[],
      avg: [] as (number | null)[],
      count: [] as number[],
    };
    answer.metrics[key] = column;
    return column;
  });
  const sums = metrics.map(() => 0);
  let start = Number.NaN;
  for (let seq = first; seq <= last; seq++) {
    const time = ring.timeOf(seq);
    const bucket = bucketMs === 1 ? time : bucketStart(time, bucketMs);
    if (bucket !== start) {
      if (answer.t.length > 0) closeBuckets(columns, sums);
      start = bucket;
      answer.t.push(bucket);
      for (const column of columns) {
        column.min.push(Number.POSITIVE_INFINITY);
        column.max.push(Number.NEGATIVE_INFINITY);
        column.avg.push(0);
        column.count.push(0);
      }
      sums.fill(0);
    }
    const at = answer.t.length - 1;
    columns.forEach((column, m) => {
      const value = ring.valueOf(seq, index[m] as number);
      column.min[at] = Math.min(column.min[at] as number, value);
      column.max[at] = Math.max(column.max[at] as number, value);
      column.count[at] = (column.count[at] as number) + 1;
      sums[m] = (sums[m] as number) + value;
    });
  }
  if (answer.t.length > 0) closeBuckets(columns, sums);
  return answer;
}

function closeBuckets(columns: { avg: (number | null)[]; count: number[] }[], sums: number[]): void {
  columns.forEach((column, m) => {
    const at = column.avg.length - 1;
    column.avg[at] = (sums[m] as number) / (column.count[at] as number);
  });
}
