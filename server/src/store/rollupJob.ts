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
import { type SqlEngine, type SqlTransaction, TIER_TABLE, type TierBytes } from "./sqlEngine";

/** Samples this far behind the clock still count as on time (not re-rolled as late). */
export const LATENESS_MS = 5_000;

const MINUTE = 60_000;
const floorTo = (time: number, step: number) => time - (time % step);

async function rollInto(
  tx: SqlTransaction,
  target: "minute" | "hour",
  step: number,
  rolled: number,
  upTo: number,
  horizon: number,
): Promise<void> {
  const source = target === "minute" ? "history_raw" : "history_minute";
  const agg = target === "minute" ? "min(v), max(v), sum(v), count(*)" : "min(mn), max(mx), sum(sm), sum(c)";
  const insert = `INSERT INTO history_${target} SELECT series, t - t % ${step} AS b, ${agg} FROM ${source}`;
  // Periods late samples touched, already rolled: recompute them whole from the finer tier.
  const dirty = (alias: string) =>
    `EXISTS (SELECT 1 FROM history_dirty d WHERE d.series = ${alias}.series AND ${alias}.t >= d.t_from - d.t_from % ${step} AND ${alias}.t < d.t_to - d.t_to % ${step} + ${step})`;
  await tx.run(
    `DELETE FROM history_${target} WHERE t < ${rolled} AND t >= ${horizon} AND ${dirty(`history_${target}`)}`,
  );
  // No ORDER BY here: with it, DuckDB 1.5 kept only the last hour of a 6-hour hour rollup at
  // 400 series (bench/storeEngines.ts, not reproduced on a small table); compaction sorts later.
  const group = "GROUP BY series, b";
  await tx.run(`${insert} s WHERE t < ${rolled} AND t >= ${horizon} AND ${dirty("s")} ${group}`);
  if (upTo > rolled) await tx.run(`${insert} WHERE t >= ${rolled} AND t < ${upTo} ${group}`);
}

/** Rolls closed minutes and hours up to `now - LATENESS_MS`; returns the new minute watermark. */
export function rollUp(engine: SqlEngine, now: number, retention: Retention): Promise<number> {
  return engine.transaction(async (tx) => {
    const rows = await tx.run(`SELECT tier, rolled_to FROM history_rollup ${engine.lockUpdate}`);
    const rolled = new Map(rows.map(([tier, at]) => [tier as string, Number(at)]));
    const minuteRolled = rolled.get("1m") ?? 0;
    const hourRolled = rolled.get("1h") ?? 0;
    const minuteUpTo = Math.max(minuteRolled, floorTo(now - LATENESS_MS, MINUTE));
    const hourUpTo = Math.max(hourRolled, floorTo(minuteUpTo, HOUR_MS));
    // Only periods whose source rows are all still kept can be recomputed.
    const rawHorizon = floorTo(now - retention.raw, MINUTE) + MINUTE;
    const minuteHorizon = floorTo(now - retention["1m"], HOUR_MS) + HOUR_MS;
    await rollInto(tx, "minute", MINUTE, minuteRolled, minuteUpTo, rawHorizon);
    // The hour's dirty ranges are the same series/time spans, now re-rolled in history_minute.
    await rollInto(tx, "hour", HOUR_MS, hourRolled, hourUpTo, minuteHorizon);
    if (engine.compacts) await noteResorts(tx);
    await tx.run("DELETE FROM history_dirty");
    await tx.run(`UPDATE history_rollup SET rolled_to = ${minuteUpTo} WHERE tier = '1m'`);
    await tx.run(`UPDATE history_rollup SET rolled_to = ${hourUpTo} WHERE tier = '1h'`);
    return minuteUpTo;
  });
}

/** Deletes what each tier keeps no longer; raw and minutes only once rolled up. */
export async function enforceRetention(engine: SqlEngine, now: number, retention: Retention): Promise<void> {
  await engine.transaction(async (tx) => {
    const rows = await tx.run("SELECT tier, rolled_to FROM history_rollup");
    const rolled = new Map(rows.map(([tier, at]) => [tier as string, Number(at)]));
    const minuteRolled = rolled.get("1m") ?? 0;
    const hourRolled = rolled.get("1h") ?? 0;
    await tx.run(`DELETE FROM history_raw WHERE t < ${Math.min(now - retention.raw, minuteRolled)}`);
    await tx.run(`DELETE FROM history_minute WHERE t < ${Math.min(now - retention["1m"], hourRolled)}`);
    await tx.run(`DELETE FROM history_hour WHERE t < ${now - retention["1h"]}`);
  });
}

/**
 * Start deleting above this share of the cap, and delete down to `CAP_TARGET` of it: the headroom
 * absorbs what is written between two runs and the blocks a checkpoint rewrites.
 */
export const CAP_TRIGGER = 0.8;
export const CAP_TARGET = 0.6;

/**
 * Keeps the store under `maxBytes`: deletes the oldest raw samples first (already rolled up, so
 * history stays visible), then the oldest minutes, then the oldest hours, re-measuring each time.
 */
export async function enforceByteCap(engine: SqlEngine, maxBytes: number): Promise<TierBytes> {
  await engine.reclaim();
  let bytes = await engine.bytes();
  for (let round = 0; round < 12 && bytes.used > maxBytes * CAP_TRIGGER; round++) {
    const excess = (bytes.used - maxBytes * CAP_TARGET) / bytes.used;
    let deleted = false;
    for (const tier of ["raw", "1m", "1h"] as const) {
      const table = TIER_TABLE[tier];
      const watermark = tier === "raw" ? ROLLED_1M : tier === "1m" ? ROLLED_1H : "NULL";
      const [row] = await engine.read.run(`SELECT min(t), max(t), ${watermark} FROM ${table}`);
      if (row?.[0] === null || row?.[0] === undefined) continue;
      const [oldest, newest, limit] = [
        Number(row[0]),
        Number(row[1]),
        row[2] === null ? Infinity : Number(row[2]),
      ];
      const span = Math.max(1, newest - oldest);
      const cutoff = Math.min(limit, oldest + Math.max(1, Math.ceil(span * Math.min(1, excess * 1.5))));
      if (cutoff <= oldest) continue;
      await engine.transaction((tx) => tx.run(`DELETE FROM ${table} WHERE t < ${cutoff}`));
      deleted = true;
      break;
    }
    if (!deleted) break;
    await engine.reclaim();
    bytes = await engine.bytes();
  }
  return bytes;
}

const ROLLED_1M = "(SELECT rolled_to FROM history_rollup WHERE tier = '1m')";
const ROLLED_1H = "(SELECT rolled_to FROM history_rollup WHERE tier = '1h')";
