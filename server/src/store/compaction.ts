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
 * when the clock and the newest stored row have both passed it, so a backfill (old samples
 * arriving in time order) is compacted behind its front and each period is rewritten once.
 * Each slice is its own transaction, capped in rows (`sliceRowsFor`), so commits go in between.
 * Late samples into a compacted period, and minutes re-rolled because of them, land unsorted at
 * the end of the table: the rollup job records their periods in history_resort (`noteResorts`),
 * and the next runs rewrite those periods again. Repeated raw samples (same series and time) are
 * kept once by the rewrite.
 */
import { DAY_MS, HOUR_MS } from "./historyStore";
import type { Retention } from "./queryPlan";
import { LATENESS_MS } from "./rollupJob";
import type { SqlEngine, SqlRunner } from "./sqlEngine";

type SortedTier = "raw" | "1m";

/** One compaction pass: which tier, in which periods, and the name of its watermark. */
interface Pass {
  name: "raw sorted" | "raw merged" | "1m sorted";
  tier: SortedTier;
  period: number;
}

/** Merges first, so the hour pass only sorts hours of the 6-hour period still open. */
export const PASSES: readonly Pass[] = [
  { name: "raw merged", tier: "raw", period: 6 * HOUR_MS },
  { name: "raw sorted", tier: "raw", period: HOUR_MS },
  { name: "1m sorted", tier: "1m", period: DAY_MS },
];

/**
 * Most rows one compaction transaction sorts. Slices cut a period by time, so a smaller cap
 * shortens the runs (1 M rows: 20-minute runs for 600 series, 5.9 B a value against 4.0 B at 4 M)
 * and lets live commits land between more slices, mixing every series into their row groups.
 * Slicing by series range instead would keep runs whole; not done yet (STORAGE.md).
 */
export const MAX_SLICE_ROWS = 4_000_000;

/**
 * Rows of a slice for a store capped at `maxBytes`: a rewrite holds the old and the new copy until
 * the next checkpoint frees the old one, so a slice stays within a tenth of the cap (at 16 B a
 * row unsorted, the worst measured) to fit in the headroom the byte cap keeps (CAP_TRIGGER).
 */
export const sliceRowsFor = (maxBytes: number) =>
  Math.max(10_000, Math.min(MAX_SLICE_ROWS, Math.floor(maxBytes / 10 / 16)));

const TABLE = { raw: "history_raw", "1m": "history_minute" } as const;
const COLUMNS = { raw: "series, t, v", "1m": "series, t, mn, mx, sm, c" } as const;
const floorTo = (time: number, step: number) => time - (time % step);

async function scalar(db: SqlRunner, sql: string): Promise<number | undefined> {
  const [row] = await db.run(sql);
  return row?.[0] === null || row?.[0] === undefined ? undefined : Number(row[0]);
}

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

/**
 * Rewrites `[from, to)` of `tier` sorted, and runs `then` (bookkeeping) in the same transaction.
 * Raw repeats are kept once, and the minutes they were counted in are marked for re-rollup.
 */
async function rewrite(engine: SqlEngine, tier: SortedTier, from: number, to: number, then: string[]) {
  const table = TABLE[tier];
  const columns = COLUMNS[tier];
  const range = `t >= ${from} AND t < ${to}`;
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

/** Length of the next slice of `tier` from `from`: up to `to`, shorter when that holds too many rows. */
async function sliceEnd(db: SqlRunner, tier: SortedTier, from: number, to: number, maxRows: number) {
  const rows =
    (await scalar(db, `SELECT count(*) FROM ${TABLE[tier]} WHERE t >= ${from} AND t < ${to}`)) ?? 0;
  const slices = Math.max(1, Math.ceil(rows / maxRows));
  const step = tier === "raw" ? 1000 : 60_000;
  return Math.min(to, from + Math.max(step, floorTo(Math.ceil((to - from) / slices), step)));
}

/**
 * Compacts the next slice: a period recorded for re-sorting first, else the oldest closed period
 * past the tier's watermark. Returns false when nothing is left, so the caller can run one slice
 * per turn of its write lane and let commits in between.
 */
export async function compactNext(
  engine: SqlEngine,
  now: number,
  retention: Retention,
  maxRows: number,
): Promise<boolean> {
  const db = engine.read;
  const [resort] = await db.run("SELECT tier, t_from, t_to FROM history_resort ORDER BY t_from LIMIT 1");
  if (resort) {
    const [name, from, to] = [resort[0] as Pass["name"], Number(resort[1]), Number(resort[2])];
    const tier = (PASSES.find((pass) => pass.name === name) as Pass).tier;
    const end = await sliceEnd(db, tier, from, to, maxRows);
    await rewrite(engine, tier, from, end, [
      `DELETE FROM history_resort WHERE tier = '${name}' AND t_from = ${from} AND t_to = ${to}`,
      ...(end < to ? [`INSERT INTO history_resort VALUES ('${name}', ${end}, ${to})`] : []),
    ]);
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
    const closed = floorTo(Math.min(now - LATENESS_MS, newest[tier]), period);
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
    const to = await sliceEnd(db, tier, from, floorTo(from, period) + period, maxRows);
    await rewrite(engine, tier, from, to, [passedTo(name, to)]);
    return true;
  }
  return false;
}

const passedTo = (name: Pass["name"], to: number) =>
  `UPDATE history_rollup SET rolled_to = ${to} WHERE tier = '${name}'`;
