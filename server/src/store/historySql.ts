/**
 * The statements both engines run for writes and reads: series ids, one batch per transaction
 * (marking late samples for re-rollup), bucketed answers that stitch the tiers together at their
 * rollup watermarks, and raw reads for resume.
 */
import type { MetricBuckets, StoredSample, TierName } from "./historyStore";
import { KEY_SEPARATOR, type SampleBatch } from "./sampleBuffer";
import type { Rows, SqlEngine, SqlRunner } from "./sqlEngine";

/** One stored series: its id and the factor its values are scaled by (1 for legacy rows). */
export interface SeriesInfo {
  id: number;
  /** 10^decimals; values are stored as `Math.round(value * factor)`. */
  factor: number;
  /** Null on PostgreSQL series made before values were scaled: stored as given. */
  decimals: number | null;
}

/** Series of one device, by metric. */
export type DeviceSeries = Map<string, SeriesInfo>;

const seriesInfo = (id: unknown, decimals: unknown): SeriesInfo => {
  const places = decimals === null || decimals === undefined ? null : Number(decimals);
  return { id: Number(id), factor: places === null ? 1 : 10 ** places, decimals: places };
};

/** Reads the series (metric -> id, scale) the store holds for `device`. */
export async function deviceSeries(db: SqlRunner, device: string): Promise<DeviceSeries> {
  const rows = await db.run("SELECT metric, id, decimals FROM history_series WHERE device = $1", [device]);
  return new Map(rows.map(([metric, id, decimals]) => [metric as string, seriesInfo(id, decimals)]));
}

/** Series created per statement (two bound parameters each; PostgreSQL allows 65,535). */
const SERIES_CHUNK = 1000;

/**
 * Series of `keys` ("device\0metric"), creating the missing ones with `decimals` (aligned with
 * `keys`); `cache` remembers them. One insert and one read per chunk of new series: a fleet of
 * 2,000 devices used to take 16,000 statements (~20 s in DuckDB's worker) before its first commit.
 */
export async function seriesOf(
  engine: SqlEngine,
  keys: string[],
  decimals: number[],
  cache: Map<string, SeriesInfo>,
): Promise<SeriesInfo[]> {
  const missing = keys.flatMap((key, i) => (cache.has(key) ? [] : [[key, decimals[i] ?? 0] as const]));
  for (let start = 0; start < missing.length; start += SERIES_CHUNK) {
    const chunk = missing.slice(start, start + SERIES_CHUNK);
    const params = chunk.flatMap(([key]) => key.split(KEY_SEPARATOR));
    const rows = chunk.map(([, places], i) => `($${2 * i + 1}, $${2 * i + 2}, ${Math.trunc(places)})`);
    const devices = [...new Set(chunk.map(([key]) => key.slice(0, key.indexOf(KEY_SEPARATOR))))];
    await engine.transaction(async (tx) => {
      await tx.run(
        `INSERT INTO history_series (device, metric, decimals) VALUES ${rows.join(", ")} ON CONFLICT DO NOTHING`,
        params,
      );
      const stored = await tx.run(
        `SELECT device, metric, id, decimals FROM history_series WHERE device IN (${devices.map((_, i) => `$${i + 1}`).join(", ")})`,
        devices,
      );
      for (const [device, metric, id, places] of stored)
        cache.set(`${device}${KEY_SEPARATOR}${metric}`, seriesInfo(id, places));
    });
  }
  return keys.map((key) => cache.get(key) as SeriesInfo);
}

/**
 * Commits one batch: its raw rows, values scaled to their series' integers, and for each series
 * with samples older than the minute watermark a dirty range that the rollup job recomputes. The
 * watermark is read `FOR SHARE` so a concurrent rollup on another server waits for this commit.
 * On an engine with one writer (`insertRawAlone`) the caller's `knownMark` is trusted instead, and
 * a batch with no row below it is one autocommitted append. Returns the watermark the batch was
 * checked against.
 */
export async function writeBatch(
  engine: SqlEngine,
  batch: SampleBatch,
  series: SeriesInfo[],
  knownMark?: number,
): Promise<number> {
  const ids = new Int32Array(batch.rows);
  const times = new Float64Array(batch.rows);
  const values = new Float64Array(batch.rows);
  const order = seriesOrder(batch, series);
  for (let row = 0; row < batch.rows; row++) {
    const i = order[row] as number;
    const info = series[batch.series[i] as number] as SeriesInfo;
    ids[row] = info.id;
    times[row] = batch.t[i] as number;
    values[row] = scaled(batch.v[i] as number, info);
  }
  if (knownMark !== undefined && engine.insertRawAlone && lateRanges(ids, times, knownMark).size === 0) {
    await engine.insertRawAlone(ids, times, values);
    return knownMark;
  }
  return engine.transaction(async (tx) => {
    const [row] = await tx.run(`SELECT rolled_to FROM history_rollup WHERE tier = '1m' ${engine.lockShare}`);
    const rolled = Number(row?.[0] ?? 0);
    // Read before insertRaw, which may take the arrays (sqlEngine.ts).
    const late = lateRanges(ids, times, rolled);
    await tx.insertRaw(ids, times, values);
    if (late.size > 0) {
      const values = [...late].map(([id, [from, to]]) => `(${id}, ${from}, ${to})`).join(", ");
      await tx.run(`INSERT INTO history_dirty VALUES ${values}`);
    }
    return rolled;
  });
}

/** Per series id, the time range of its rows older than `rolled` (the minute watermark). */
function lateRanges(ids: Int32Array, times: Float64Array, rolled: number): Map<number, [number, number]> {
  const late = new Map<number, [number, number]>();
  for (let i = 0; i < times.length; i++) {
    const time = times[i] as number;
    if (time >= rolled) continue;
    const id = ids[i] as number;
    const range = late.get(id);
    if (!range) late.set(id, [time, time]);
    else {
      range[0] = Math.min(range[0], time);
      range[1] = Math.max(range[1], time);
    }
  }
  return late;
}

/**
 * The batch's rows ordered by series id, each series' rows in the order appended (a stable
 * counting sort: O(rows + series)). A source appends a device's samples oldest first, so the rows
 * go in as (series, t) runs: a backfill's chunk of whole devices lands as compaction would have
 * sorted it (compaction.ts, `adoptSortedRun`), and a live commit's rows at least grouped by series.
 */
export function seriesOrder(batch: SampleBatch, series: readonly SeriesInfo[]): Uint32Array {
  const keys = batch.keys.map((_, key) => key);
  keys.sort((a, b) => (series[a]?.id ?? 0) - (series[b]?.id ?? 0));
  const rank = new Int32Array(keys.length);
  for (const [position, key] of keys.entries()) rank[key] = position;
  const rowRank = batch.series.subarray(0, batch.rows).map((key) => rank[key] as number);
  // next[r]: where the next row of rank r goes (counts, then their prefix sums).
  const next = new Uint32Array(keys.length + 1);
  for (let i = 0; i < batch.rows; i++) {
    const r = (rowRank[i] as number) + 1;
    next[r] = (next[r] as number) + 1;
  }
  for (let r = 1; r < next.length; r++) next[r] = (next[r] as number) + (next[r - 1] as number);
  const order = new Uint32Array(batch.rows);
  for (let i = 0; i < batch.rows; i++) {
    const r = rowRank[i] as number;
    order[next[r] as number] = i;
    next[r] = (next[r] as number) + 1;
  }
  return order;
}

/**
 * `value` as the integer its series stores (legacy PostgreSQL series: as given). A series created
 * with more decimals than a later append asks for may scale past 2^53: clamped, never wrapped.
 */
function scaled(value: number, info: SeriesInfo): number {
  if (info.decimals === null) return value;
  const integer = Math.round(value * info.factor);
  return Math.max(-Number.MAX_SAFE_INTEGER, Math.min(Number.MAX_SAFE_INTEGER, integer));
}

/** The rollup watermarks: minutes before `1m` and hours before `1h` are rolled up. */
export type Watermarks = { "1m": number; "1h": number };

/** Reads the rollup watermarks. */
export async function watermarks(db: SqlRunner): Promise<Watermarks> {
  const rows = await db.run("SELECT tier, rolled_to FROM history_rollup WHERE tier IN ('1m', '1h')");
  const at = new Map(rows.map(([tier, t]) => [tier, Number(t)]));
  return { "1m": at.get("1m") ?? 0, "1h": at.get("1h") ?? 0 };
}

/** Partial aggregates of one table over `[lo, hi)` (with extra bounds), in buckets of `bucketMs`. */
function part(
  table: "raw" | "minute" | "hour",
  ids: string,
  bucketMs: number,
  from: number,
  to: number,
): string {
  const agg =
    table === "raw"
      ? "min(v) AS mn, max(v) AS mx, sum(v) AS sm, count(*) AS c"
      : "min(mn) AS mn, max(mx) AS mx, sum(sm) AS sm, sum(c) AS c";
  return `SELECT series, t - t % ${bucketMs} AS b, ${agg} FROM history_${table} WHERE series IN (${ids}) AND t >= ${from} AND t < ${to} GROUP BY series, b`;
}

/**
 * Buckets of `series` over `[from, to)` read from `tier` up to its watermark and from the finer
 * tiers after it, so the live edge is in every answer. The watermarks are constants in the
 * statement so that each table's scan is bounded by them (zone maps prune on constants only);
 * data below a watermark is not deleted while it is newer than the coarser watermark, so a
 * rollup that moves them meanwhile changes nothing in the answer.
 * Rows: series, bucket, min, max, sum, count.
 */
export function bucketRows(
  db: SqlRunner,
  ids: number[],
  tier: TierName,
  bucketMs: number,
  from: number,
  to: number,
  marks: Watermarks,
): Promise<Rows> {
  const list = ids.join(", ");
  const minuteFrom = from - (from % 60_000);
  const hourFrom = from - (from % 3_600_000);
  const parts =
    tier === "raw"
      ? [part("raw", list, bucketMs, from, to)]
      : [
          part("raw", list, bucketMs, Math.max(from, marks["1m"]), to),
          part(
            "minute",
            list,
            bucketMs,
            tier === "1h" ? Math.max(minuteFrom, marks["1h"]) : minuteFrom,
            Math.min(to, marks["1m"]),
          ),
          ...(tier === "1h" ? [part("hour", list, bucketMs, hourFrom, Math.min(to, marks["1h"]))] : []),
        ];
  return db.run(
    `SELECT series, b, min(mn), max(mx), CAST(sum(sm) AS DOUBLE PRECISION), CAST(sum(c) AS DOUBLE PRECISION) FROM (${parts.join(" UNION ALL ")}) AS parts GROUP BY series, b ORDER BY b`,
  );
}

/** Raw rows (series, t, v) of the first `limit` sample times after `after`, ascending. */
export function rawRows(db: SqlRunner, ids: number[], after: number, before: number, limit: number) {
  const list = ids.join(", ");
  return db.run(
    `SELECT series, t, v FROM history_raw WHERE series IN (${list}) AND t IN (SELECT DISTINCT t FROM history_raw WHERE series IN (${list}) AND t > ${after} AND t < ${before} ORDER BY t LIMIT ${limit}) ORDER BY t, series`,
  );
}

/** Sample times in `[from, to)`, counted no further than `limit + 1`. */
export async function countSamples(db: SqlRunner, ids: number[], from: number, to: number, limit: number) {
  const list = ids.join(", ");
  const [row] = await db.run(
    `SELECT count(*) FROM (SELECT DISTINCT t FROM (SELECT t FROM history_raw WHERE series IN (${list}) AND t >= ${from} AND t < ${to} LIMIT ${(limit + 1) * ids.length}) AS r) AS d`,
  );
  return Number(row?.[0] ?? 0);
}

/** A series id's metric and scale factor, for turning stored integers back into values. */
export type SeriesById = Map<number, { metric: string; factor: number }>;

/** `series` by id. */
export const byId = (series: DeviceSeries): SeriesById =>
  new Map([...series].map(([metric, info]) => [info.id, { metric, factor: info.factor }]));

/** Pivots rows of (series, time, min, max, sum, count) into the answer's aligned arrays. */
export function pivot(rows: Rows, seriesById: SeriesById, metrics: string[]) {
  const t: number[] = [];
  const out: Record<string, MetricBuckets> = {};
  for (const name of metrics) out[name] = { min: [], max: [], avg: [], count: [] };
  for (const [series, time, mn, mx, sm, c] of rows) {
    const bucket = Number(time);
    if (t.at(-1) !== bucket) {
      t.push(bucket);
      for (const name of metrics) {
        const m = out[name] as MetricBuckets;
        m.min.push(null);
        m.max.push(null);
        m.avg.push(null);
        m.count.push(0);
      }
    }
    const info = seriesById.get(Number(series));
    const m = info && out[info.metric];
    if (!(info && m)) continue;
    const i = t.length - 1;
    const count = Number(c);
    m.min[i] = Number(mn) / info.factor;
    m.max[i] = Number(mx) / info.factor;
    m.avg[i] = Number(sm) / (count * info.factor);
    m.count[i] = count;
  }
  return { t, metrics: out };
}

/** Groups raw rows (series, t, v) into samples for resume. */
export function samplesOf(rows: Rows, seriesById: SeriesById): StoredSample[] {
  const samples: StoredSample[] = [];
  for (const [series, time, value] of rows) {
    const t = Number(time);
    let last = samples.at(-1);
    if (last?.time !== t) {
      last = { time: t, metrics: [], values: [] };
      samples.push(last);
    }
    const info = seriesById.get(Number(series)) as { metric: string; factor: number };
    last.metrics.push(info.metric);
    last.values.push(Number(value) / info.factor);
  }
  return samples;
}
