/**
 * The periodic maintenance job: per-minute and per-hour rollups of closed periods (plus
 * recomputation of periods that late samples touched), retention per tier, and the byte cap.
 * A periodic job rather than rollups at commit: it aggregates a whole minute of the fleet in one
 * vectorised statement, keeps the commit path to a plain append, and works the same when several
 * servers share PostgreSQL (the watermark row is locked FOR UPDATE). Home Assistant's recorder
 * compiles its statistics the same way, on a timer over closed periods.
 */
import { noteResorts } from "./compaction";
import { HOUR_MS } from "./historyStore";
import type { Retention } from "./queryPlan";
import { type SqlEngine, type SqlRunner, type SqlTransaction, scalar, TIER_TABLE } from "./sqlEngine";

/** Samples this far behind the clock still count as on time (not re-rolled as late). */
export const LATENESS_MS = 5_000;

export const MINUTE = 60_000;

/** The earliest and latest time late samples touched since the last run (history_dirty). */
type DirtySpan = { from: number; to: number };
export const floorTo = (time: number, step: number) => time - (time % step);

/** Distinct (series, p): the periods of `step` that the dirty ranges touch. */
const dirtyPeriods = (step: number) =>
  `SELECT DISTINCT series, g.p FROM history_dirty, generate_series(t_from - t_from % ${step}, t_to, ${step}) AS g(p)`;

/**
 * Rolls `source` into the tier `target` of periods `step`: closed periods past the watermark, and
 * the periods late samples touched (history_dirty). A touched period whose source rows are all
 * still stored (it starts at or after `deletedTo`, the source's deletion watermark) is recomputed
 * whole; an older one has lost its earlier source rows to retention, and what it holds in the
 * source now is only the late rows stored since (retention deletes everything below `deletedTo`
 * in the transaction of every rollup), so their aggregate is added as one more row: every tier's
 * readers combine rows of one bucket (min, max, sum, count). No ORDER BY: with it, DuckDB 1.5 kept
 * only the last hour of a 6-hour hour rollup at 400 series (compaction sorts later).
 */
async function rollInto(
  tx: SqlTransaction,
  target: "minute" | "hour",
  step: number,
  marks: { rolled: number; upTo: number; deletedTo: number; dirty: DirtySpan | undefined },
): Promise<void> {
  const source = target === "minute" ? "history_raw" : "history_minute";
  const agg = target === "minute" ? "min(v), max(v), sum(v), count(*)" : "min(mn), max(mx), sum(sm), sum(c)";
  const insert = `INSERT INTO history_${target} SELECT series, t - t % ${step} AS b, ${agg} FROM ${source}`;
  const touched = (alias: string) =>
    `EXISTS (SELECT 1 FROM dirty d WHERE d.series = ${alias}.series AND d.p = ${alias}.t - ${alias}.t % ${step})`;
  const dirty = `WITH dirty AS (${dirtyPeriods(step)})`;
  const { rolled, upTo, deletedTo } = marks;
  if (marks.dirty) {
    // The dirty span as constants, so zone maps skip the rest of both tables (without them every
    // run scanned all of raw below the watermark: after a backfill, 100+ s holding the write lane).
    const span = `t >= ${floorTo(marks.dirty.from, step)} AND t < ${floorTo(marks.dirty.to, step) + step}`;
    await tx.run(
      `DELETE FROM history_${target} WHERE t < ${rolled} AND t >= ${deletedTo} AND ${span} AND t IN (SELECT p FROM (${dirtyPeriods(step)}) AS d WHERE d.series = history_${target}.series)`,
    );
    await tx.run(
      `${dirty} ${insert} s WHERE t < ${rolled} AND ${span} AND ${touched("s")} GROUP BY series, b`,
    );
  }
  if (upTo > rolled) await tx.run(`${insert} WHERE t >= ${rolled} AND t < ${upTo} GROUP BY series, b`);
}

/**
 * Most source time one rollup transaction rolls up past the minute watermark. A backfill (or a
 * catch-up after an outage) rolls up in slices this long, each its own transaction, so commits go
 * in between: one transaction over a backlog held the write lane, hence the kill -9 window, for
 * 5.4 s on a quiet machine and 59 s under load after a 24 h backfill of 200 devices.
 */
export const ROLLUP_SLICE_MS = 15 * MINUTE;

/** Bounds of the adaptive slice (`nextSliceMs`), and the time one slice should hold the lane. */
const SLICE_BOUNDS = { min: MINUTE, max: 7 * 24 * 60 * MINUTE };
const SLICE_TARGET_MS = { low: 100, high: 400 };

/**
 * The next slice's length from how long the last one held the lane: doubled below 100 ms, halved
 * above 400 ms. Fixed 15-minute slices made a 30-day backfill of 4 devices roll up in 2,880
 * transactions of a few thousand rows each (84 s to ready instead of 18, and 30-day queries read
 * raw meanwhile); a 200-device fleet's 15 minutes are ~0.5 M rows.
 */
export function nextSliceMs(sliceMs: number, tookMs: number): number {
  if (tookMs < SLICE_TARGET_MS.low) return Math.min(SLICE_BOUNDS.max, sliceMs * 2);
  if (tookMs > SLICE_TARGET_MS.high) return Math.max(SLICE_BOUNDS.min, Math.floor(sliceMs / 2));
  return sliceMs;
}

/** Where the rollup may go: the clock, and the newest sample time committed (the front). */
export interface RollupClock {
  now: number;
  /**
   * The newest sample time this store committed since it opened, if any. The watermark stays
   * `LATENESS_MS` behind it as behind the clock: a backfill (old samples arriving in time order)
   * is then rolled up as on-time data behind its front instead of being re-rolled as late data
   * on every run. Unknown (nothing committed yet): the clock alone decides, as before.
   */
  front?: number;
}

/**
 * Rolls closed minutes and hours up to `now - LATENESS_MS` (and the front), at most `sliceMs`
 * of them, and applies retention, in one transaction, so no sample lands
 * between the rollup and the deletes (PostgreSQL writers wait on the watermark row). Returns true
 * when the watermark reached its target, false when another slice is due. Raw is deleted only
 * below the minute watermark and minutes only below the hour one, at minute / hour boundaries,
 * and the deletion watermarks ('raw deleted', '1m deleted') say below which time a tier's
 * periods are incomplete.
 */
export function rollUp(
  engine: SqlEngine,
  clock: RollupClock,
  retention: Retention,
  sliceMs = ROLLUP_SLICE_MS,
): Promise<boolean> {
  const { now } = clock;
  return engine.transaction(async (tx) => {
    const rows = await tx.run(`SELECT tier, rolled_to FROM history_rollup ${engine.lockUpdate}`);
    const mark = new Map(rows.map(([tier, at]) => [tier as string, Number(at)]));
    const minuteRolled = mark.get("1m") ?? 0;
    const hourRolled = mark.get("1h") ?? 0;
    const edge = Math.min(now, clock.front ?? now) - LATENESS_MS;
    const target = Math.max(minuteRolled, floorTo(edge, MINUTE));
    // A backlog starts at its oldest row (a first run over an old store: not at 1970); zone maps
    // prune everything below the watermark.
    let from = minuteRolled;
    if (target - minuteRolled > sliceMs) {
      const oldest = await scalar(tx, `SELECT min(t) FROM history_raw WHERE t >= ${minuteRolled}`);
      from = Math.max(minuteRolled, floorTo(oldest ?? target, MINUTE));
    }
    const minuteUpTo = Math.min(target, from + sliceMs);
    const hourUpTo = Math.max(hourRolled, floorTo(minuteUpTo, HOUR_MS));
    const rawDeleted = mark.get("raw deleted") ?? 0;
    const minuteDeleted = mark.get("1m deleted") ?? 0;
    const [span] = await tx.run("SELECT min(t_from), max(t_to) FROM history_dirty");
    const dirty =
      span?.[0] === null || span?.[0] === undefined
        ? undefined
        : { from: Number(span[0]), to: Number(span[1]) };
    await rollInto(tx, "minute", MINUTE, {
      rolled: minuteRolled,
      upTo: minuteUpTo,
      deletedTo: rawDeleted,
      dirty,
    });
    // The hour's dirty ranges are the same series/time spans, now re-rolled in history_minute.
    await rollInto(tx, "hour", HOUR_MS, {
      rolled: hourRolled,
      upTo: hourUpTo,
      deletedTo: minuteDeleted,
      dirty,
    });
    if (engine.compacts && dirty) await noteResorts(tx);
    if (dirty) await tx.run("DELETE FROM history_dirty");
    await tx.run(`UPDATE history_rollup SET rolled_to = ${minuteUpTo} WHERE tier = '1m'`);
    await tx.run(`UPDATE history_rollup SET rolled_to = ${hourUpTo} WHERE tier = '1h'`);
    const rawTo = Math.max(rawDeleted, floorTo(Math.min(now - retention.raw, minuteUpTo), MINUTE));
    const minuteTo = Math.max(minuteDeleted, floorTo(Math.min(now - retention["1m"], hourUpTo), HOUR_MS));
    await deleteBelow(tx, "raw", rawTo);
    await deleteBelow(tx, "1m", minuteTo);
    await tx.run(`DELETE FROM history_hour WHERE t < ${now - retention["1h"]}`);
    return minuteUpTo >= target;
  });
}

/** Deletes `tier` below `time` and moves its deletion watermark there. */
export async function deleteBelow(tx: SqlRunner, tier: "raw" | "1m", time: number): Promise<void> {
  await tx.run(`DELETE FROM ${TIER_TABLE[tier]} WHERE t < ${time}`);
  await tx.run(
    `UPDATE history_rollup SET rolled_to = greatest(rolled_to, ${time}) WHERE tier = '${tier} deleted'`,
  );
}

/**
 * Alert history lives as long as the hour tier (`retention1h`): events older than `before`, and
 * resolved alerts that ended before it. Open and acknowledged alerts stay whatever their age. The
 * tables exist only once alerting opened its log in this database (server/src/alerts/).
 */
export async function expireAlerts(engine: SqlEngine, before: number): Promise<void> {
  const [row] = await engine.read.run(
    "SELECT count(*) FROM information_schema.tables WHERE table_name IN ('alert_events', 'alert_state')",
  );
  if (Number(row?.[0] ?? 0) < 2) return;
  await engine.transaction(async (tx) => {
    await tx.run(`DELETE FROM alert_events WHERE t < ${before}`);
    await tx.run(`DELETE FROM alert_state WHERE state = 'resolved' AND ended_at < ${before}`);
  });
}
