/**
 * Pure tier and bucket arithmetic of history queries: which tier answers, how wide a bucket is,
 * and the exact `bad_request` messages for a malformed question.
 */
import { type HistoryQuery, HistoryStoreError, HOUR_MS, type TierName } from "./historyStore";

/**
 * Resolution of each tier in ms: a bucket is always a whole multiple of it (raw buckets are whole
 * seconds; raw samples returned one per bucket report `bucketMs` 1).
 */
export const TIER_RESOLUTION: Record<TierName, number> = { raw: 1000, "1m": 60_000, "1h": HOUR_MS };

/** Most buckets one answer may hold (the API's `points` range is 1..MAX_POINTS). */
export const MAX_POINTS = 10_000;

/** How long each tier keeps data, ms. */
export type Retention = Record<TierName, number>;

/** The tier and bucket width chosen for a query. */
export interface QueryPlan {
  tier: TierName;
  bucketMs: number;
}

function bad(message: string): never {
  throw new HistoryStoreError("bad_request", message);
}

/** Throws `bad_request` naming the first wrong field of `q`. */
export function validateQuery(q: HistoryQuery): void {
  if (typeof q !== "object" || q === null) bad("query: expected an object");
  if (typeof q.device !== "string" || q.device === "") bad("device: expected a non-empty string");
  for (const field of ["from", "to"] as const) {
    if (!Number.isSafeInteger(q[field]) || q[field] < 0) bad(`${field}: expected ms since the epoch`);
  }
  if (q.from >= q.to) bad("from: must be less than to");
  if (!Number.isInteger(q.points) || q.points < 1 || q.points > MAX_POINTS)
    bad(`points: expected an integer in 1..${MAX_POINTS}`);
  if (q.metrics !== undefined) {
    if (!Array.isArray(q.metrics) || q.metrics.some((m) => typeof m !== "string" || m === ""))
      bad("metrics: expected an array of metric names");
  }
}

/** Buckets of width `bucketMs`, aligned to the epoch, that `[from, to)` touches. */
export function bucketCount(from: number, to: number, bucketMs: number): number {
  return Math.floor((to - 1) / bucketMs) - Math.floor(from / bucketMs) + 1;
}

/** Start of the epoch-aligned bucket holding `time`. */
export function bucketStart(time: number, bucketMs: number): number {
  return time - (((time % bucketMs) + bucketMs) % bucketMs);
}

/** The narrowest multiple of `resolution` that cuts `[from, to)` into at most `points` buckets. */
export function bucketWidth(from: number, to: number, points: number, resolution: number): number {
  let width = Math.max(1, Math.ceil((to - from) / points / resolution)) * resolution;
  while (bucketCount(from, to, width) > points) width += resolution;
  return width;
}

/**
 * A coarser tier may answer when its resolution is at most this many ideal buckets wide, i.e.
 * when it still gives at least 2/3 of the `points` asked for: 30 days at 1000 points reads 720
 * hours (a few thousand rows) instead of 43,200 minutes per metric.
 */
export const COARSER_TIER_SLACK = 1.5;

/**
 * The coarsest tier that still holds `from` (by retention) and still gives enough buckets (its
 * resolution at most `COARSER_TIER_SLACK` ideal buckets `(to - from) / points`); when none holds
 * `from`, the finest that does (the 1h tier if none does). 24 h at 1000 points -> 1m tier, 120 s
 * buckets; 30 d -> 1h tier, 720 buckets.
 */
export function planQuery(q: HistoryQuery, now: number, retention: Retention): QueryPlan {
  const ideal = (q.to - q.from) / q.points;
  const order: TierName[] = ["raw", "1m", "1h"];
  const covering = order.filter((tier) => q.from >= now - retention[tier]);
  const fitting = covering.filter((tier) => TIER_RESOLUTION[tier] <= ideal * COARSER_TIER_SLACK);
  const tier = fitting.at(-1) ?? covering[0] ?? "1h";
  return { tier, bucketMs: bucketWidth(q.from, q.to, q.points, TIER_RESOLUTION[tier]) };
}
