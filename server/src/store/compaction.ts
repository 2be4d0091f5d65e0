/**
 * Compaction (embedded engine): rewrites closed periods of the raw and minute tiers sorted by
 * (series, t). Commits append every device's samples in time order, so without it one device's
 * rows are spread over every row group of a range: a query reads the whole fleet's rows, and the
 * columns compress poorly. Sorted runs let DuckDB's row-group zone maps on `series` skip other
 * devices, and turn `series` into constant runs, `t` into constant deltas and a value column into
 * one smooth signal at a time (ALP for decimals).
 *
 * Three passes (`PASSES`), each with a watermark in history_rollup saying how far it got:
 * closed hours of raw are sorted soon after they close (what queries need); closed 6-hour
 * periods of raw are sorted again as one run per series (what the bytes need: `t` costs ~2 B a
 * value in hour-long runs, where every second bitpacking group of 2048 straddles two series, and
 * ~0.4 B in 6-hour runs); closed days of minutes are sorted once rolled up. A period is closed
 * when the clock and the newest stored row have both passed it (and a writer of the past's hold,
 * `CompactionClock`), so a backfill is compacted behind its front and each period is rewritten
 * once; the simulator's backfill writes its periods already sorted, and they are adopted as they
 * are (`adoptSortedRun`).
 * A period is rewritten in slices of whole series (`seriesSlices`), each its own transaction capped
 * in rows (`compactionRowsFor`), so commits and checkpoints go in between.
 * Late samples into a compacted period, and minutes re-rolled because of them, land unsorted at
 * the end of the table: the rollup job records their periods in history_resort (`noteResorts`),
 * and the next runs rewrite those periods again. Repeated raw samples (same series and time) are
 * kept once by the rewrite.
 */
import { DAY_MS, HOUR_MS, PAST_RUN_MS } from "./historyStore";
import type { Retention } from "./queryPlan";
import { floorTo, LATENESS_MS } from "./rollupJob";
import { type SqlEngine, type SqlRunner, scalar } from "./sqlEngine";

type SortedTier = "raw" | "1m";

/** One compaction pass: which tier, in which periods, and the name of its watermark. */
interface Pass {
  name: "raw sorted" | "raw merged" | "1m sorted";
  tier: SortedTier;
  period: number;
}

/** Merges first, so the hour pass only sorts hours of the 6-hour period still open. */
export const PASSES: readonly Pass[] = [
  { name: "raw merged", tier: "raw", period: PAST_RUN_MS },
  { name: "raw sorted", tier: "raw", period: HOUR_MS },
  { name: "1m sorted", tier: "1m", period: DAY_MS },
];

/**
 * Most rows one compaction transaction sorts (a slice of whole series, so the cap does not shorten
 * the runs; the cap bounds memory and what a rewrite holds twice until the next checkpoint).
 */
export const MAX_SLICE_ROWS = 4_000_000;

/** Rows per compaction transaction (`slice`) and per period rewritten as one (`part`). */
export interface CompactionRows {
  slice: number;
  part: number;
}

/**
 * Rows of a slice and of a part for a store capped at `maxBytes`. A rewrite holds the old and the
 * new copy until a checkpoint frees the old one, so a slice stays within a tenth of the cap (at
 * 16 B a row unsorted, the worst measured). A part (a period's series slices) keeps the old copy
 * of every row group it touches until its last slice, so it stays within 15 % of the cap; both
 * fit the headroom the byte cap keeps (CAP_TRIGGER). Under the default 2 GB a part is 13.4 M
 * rows: 6 hours of 200 devices x 3 metrics at 1 Hz in one piece.
 */
export const compactionRowsFor = (maxBytes: number): CompactionRows => {
  const slice = Math.max(10_000, Math.min(MAX_SLICE_ROWS, Math.floor(maxBytes / 10 / 16)));
  return { slice, part: Math.max(slice, Math.floor((maxBytes * 0.15) / 16)) };
};

const TABLE = { raw: "history_raw", "1m": "history_minute" } as const;
const COLUMNS = { raw: "series, t, v", "1m": "series, t, mn, mx, sm, c" } as const;

/**
 * Records, inside the rollup transaction, which compacted periods the dirty ranges (late samples,
 * hence re-rolled minutes) touch, before the rollup clears history_dirty. An hour inside a merged
 * period is left to the merge pass.
 */
export async function noteResorts(tx: SqlRunner): Promise<void> {
  const mark = (name: string) => `(SELECT rolled_to FROM history_rollup WHERE tier = '${name}')`;
  for (const { name, period } of PASSES) {
    const open = name === "raw sorted" ? ` AND p >= ${mark("raw merged")}` : "";
    await tx.run(
      `INSERT INTO history_resort SELECT DISTINCT '${name}', p, p + ${period} FROM (SELECT unnest(range(t_from - t_from % ${period}, t_to + 1, ${period})) AS p FROM history_dirty) AS d WHERE p < ${mark(name)}${open}`,
    );
  }
}

/** Series `first..last` of a period: one slice, its own transaction. */
type SeriesRange = [first: number, last: number];

/**
 * Rewrites series `first..last` of `[from, to)` of `tier` sorted, and runs `then` (bookkeeping) in
 * the same transaction. Raw repeats are kept once, and the minutes they were counted in are marked
 * for re-rollup.
 */
async function rewrite(
  engine: SqlEngine,
  tier: SortedTier,
  [from, to]: [number, number],
  [first, last]: SeriesRange,
  then: string[],
) {
  const table = TABLE[tier];
  const columns = COLUMNS[tier];
  const range = `t >= ${from} AND t < ${to} AND series BETWEEN ${first} AND ${last}`;
  // One sample per (series, t) on raw: the first one stored, as PostgreSQL keeps it.
  const select =
    tier === "raw"
      ? `SELECT DISTINCT ON (series, t) ${columns} FROM ${table} WHERE ${range} ORDER BY series, t`
      : `SELECT ${columns} FROM ${table} WHERE ${range} ORDER BY series, t`;
  await engine.transaction(async (tx) => {
    await tx.run(`CREATE OR REPLACE TEMP TABLE history_sorting AS ${select}`);
    const [[deleted]] = (await tx.run(`DELETE FROM ${table} WHERE ${range}`)) as [[number]];
    await tx.run(`INSERT INTO ${table} SELECT * FROM history_sorting ORDER BY series, t`);
    const kept = (await scalar(tx, "SELECT count(*) FROM history_sorting")) ?? 0;
    if (tier === "raw" && kept < Number(deleted))
      await tx.run(
        `INSERT INTO history_dirty SELECT DISTINCT series, ${from}, ${to - 1} FROM history_sorting`,
      );
    await tx.run("DROP TABLE history_sorting");
    for (const statement of then) await tx.run(statement);
  });
}

/**
 * Cuts `[from, to)` of `tier` into series ranges of at most `maxRows` rows (a series with more is
 * a slice of its own). Slices cut by series keep every series' run whole: cut by time, a 6-hour
 * merge of 13 M rows in 4 M-row slices left 1.5-hour runs, and raw took 2.5 B a value on disk
 * against 1.3 B for the same rows in whole 6-hour runs (STORAGE.md).
 */
async function seriesSlices(db: SqlRunner, tier: SortedTier, from: number, to: number, maxRows: number) {
  const counts = await db.run(
    `SELECT series, count(*) FROM ${TABLE[tier]} WHERE t >= ${from} AND t < ${to} GROUP BY series ORDER BY series`,
  );
  const slices: SeriesRange[] = [];
  let rows = 0;
  for (const [series, count] of counts) {
    const [id, n] = [Number(series), Number(count)];
    const open = slices.at(-1);
    if (open && rows + n <= maxRows) open[1] = id;
    else {
      slices.push([id, id]);
      rows = 0;
    }
    rows += n;
  }
  return slices;
}

/**
 * Rewrites the whole of `[from, to)` of `tier`, one transaction per series slice so commits and
 * checkpoints go in between; `then` runs with the last slice (or alone when the period is empty).
 */
async function rewritePeriod(
  engine: SqlEngine,
  tier: SortedTier,
  [from, to]: [number, number],
  rows: CompactionRows,
  then: string[],
  stop?: () => boolean,
) {
  const work: Array<[[number, number], SeriesRange]> = [];
  for (const part of await periodParts(engine.read, tier, [from, to], rows.part))
    for (const slice of await seriesSlices(engine.read, tier, part[0], part[1], rows.slice))
      work.push([part, slice]);
  if (work.length === 0)
    await engine.transaction(async (tx) => {
      for (const statement of then) await tx.run(statement);
    });
  for (const [i, [part, slice]] of work.entries()) {
    // Stopped midway (the store closing): the period is not marked done; the next run redoes it.
    if (stop?.()) return;
    await rewrite(engine, tier, part, slice, i === work.length - 1 ? then : []);
    // Frees the old copy's blocks now, so the next slice reuses them: checkpointing once per
    // maintenance run left a whole backlog's old copies free in the file (~0.9 B a raw value
    // after a 24 h backfill, STORAGE.md).
    await engine.reclaim();
  }
}

/** `[from, to)` cut by time into parts of at most `budget` rows (whole seconds or minutes). */
async function periodParts(db: SqlRunner, tier: SortedTier, [from, to]: [number, number], budget: number) {
  const rows =
    (await scalar(db, `SELECT count(*) FROM ${TABLE[tier]} WHERE t >= ${from} AND t < ${to}`)) ?? 0;
  const parts = Math.max(1, Math.ceil(rows / budget));
  const unit = tier === "raw" ? 1000 : 60_000;
  const step = Math.max(unit, floorTo(Math.ceil((to - from) / parts), unit));
  const out: Array<[number, number]> = [];
  for (let start = from; start < to; start += step) out.push([start, Math.min(to, start + step)]);
  return out;
}

/** Where compaction may go: the clock, and a writer of the past's hold (`HistoryStore.pastComplete`). */
export interface CompactionClock {
  now: number;
  /** Every sample before it is stored; later periods may still be missing devices. */
  hold?: number;
}

/**
 * Takes raw from the merge pass's watermark up to `to` (a `PAST_RUN_MS` boundary) as merged
 * when its rows are exactly the `rows` a writer of the past committed since its last claim
 * (`HistoryStore.pastComplete`): written device by device, each commit's rows ordered by series
 * (historySql.ts, `seriesOrder`), they already lie in whole series runs, and a rewrite would only
 * leave their first copy's blocks free in the file (after a 24 h backfill: 445 of 822 blocks,
 * 2 of the 3.97 B a raw value; DuckDB truncates only free blocks at the file's end). False, with
 * nothing changed, when any other row lies there (a backfill over an existing store, retention)
 * or the watermark is already at `to`.
 */
export async function adoptSortedRun(engine: SqlEngine, to: number, rows: number): Promise<boolean> {
  return engine.transaction(async (tx) => {
    const mark = (await scalar(tx, "SELECT rolled_to FROM history_rollup WHERE tier = 'raw merged'")) ?? 0;
    if (to <= mark || to % PAST_RUN_MS !== 0) return false;
    const stored = await scalar(tx, `SELECT count(*) FROM history_raw WHERE t >= ${mark} AND t < ${to}`);
    if ((stored ?? 0) !== rows) return false;
    await tx.run(passedTo("raw merged", to));
    return true;
  });
}

/**
 * Compacts the next period, slice by slice: a period recorded for re-sorting first, else the
 * oldest closed period past the tier's watermark. Returns false when nothing is left; `stop` is
 * asked between slices (a closing store).
 */
export async function compactNext(
  engine: SqlEngine,
  { now, hold }: CompactionClock,
  retention: Retention,
  rows: CompactionRows,
  stop?: () => boolean,
): Promise<boolean> {
  const db = engine.read;
  const [resort] = await db.run("SELECT tier, t_from, t_to FROM history_resort ORDER BY t_from LIMIT 1");
  if (resort) {
    const [name, from, to] = [resort[0] as Pass["name"], Number(resort[1]), Number(resort[2])];
    const tier = (PASSES.find((pass) => pass.name === name) as Pass).tier;
    const done = `DELETE FROM history_resort WHERE tier = '${name}' AND t_from = ${from} AND t_to = ${to}`;
    await rewritePeriod(engine, tier, [from, to], rows, [done], stop);
    return true;
  }
  const marks = new Map(
    (await db.run("SELECT tier, rolled_to FROM history_rollup")).map(([tier, at]) => [tier, Number(at)]),
  );
  const newest = {
    raw: (await scalar(db, "SELECT max(t) FROM history_raw")) ?? 0,
    "1m": Math.min(marks.get("1m") ?? 0, ((await scalar(db, "SELECT max(t) FROM history_minute")) ?? -1) + 1),
  };
  for (const { name, tier, period } of PASSES) {
    const closed = floorTo(Math.min(now - LATENESS_MS, newest[tier], hold ?? now), period);
    const done = marks.get(name) ?? 0;
    const after = Math.max(done, name === "raw sorted" ? (marks.get("raw merged") ?? 0) : 0);
    const oldest = await scalar(db, `SELECT min(t) FROM ${TABLE[tier]} WHERE t >= ${after}`);
    // Nothing to sort before the oldest row, nor in what retention is about to delete.
    const kept = floorTo(now - retention[tier], period);
    const from = Math.max(after, oldest === undefined ? closed : floorTo(oldest, period), kept);
    if (from >= closed) {
      if (from > done && oldest !== undefined) await engine.transaction((tx) => tx.run(passedTo(name, from)));
      continue;
    }
    const to = floorTo(from, period) + period;
    await rewritePeriod(engine, tier, [from, to], rows, [passedTo(name, to)], stop);
    return true;
  }
  return false;
}

const passedTo = (name: Pass["name"], to: number) =>
  `UPDATE history_rollup SET rolled_to = ${to} WHERE tier = '${name}'`;
