/**
 * A client of `GET /api/history` for the `history` scenario: one request at a time, devices in
 * turn, each query's duration measured from request to the last byte of the answer (what a
 * dashboard waits for). Also the arithmetic of the store's figures.
 */
import { percentile, round } from "./stats";

/** One history question relative to the moment it is asked: the last `spanMs` up to now. */
export interface HistoryAsk {
  spanMs: number;
  points: number;
}

/** The history API URL for `device` over `[to - spanMs, to)`. */
export function historyUrl(baseUrl: string, device: string, ask: HistoryAsk, to: number): string {
  const params = new URLSearchParams({
    device,
    from: String(to - ask.spanMs),
    to: String(to),
    points: String(ask.points),
  });
  return `${baseUrl}/api/history?${params}`;
}

/** One answered (or failed) query. */
export interface QueryOutcome {
  ms: number;
  /** HTTP status, or 0 when the request itself failed. */
  status: number;
  /** `tier` and bucket count of the answer, when it was read. */
  tier?: string;
  buckets?: number;
}

/** What a run of queries came to. Durations of failed queries are left out of the percentiles. */
export interface QueryStats {
  count: number;
  errors: number;
  p50_ms: number | null;
  p95_ms: number | null;
  max_ms: number | null;
  /** Answers by tier, e.g. `{"1m": 200}`. */
  tiers: Record<string, number>;
  /** Buckets per answer: a store missing data shows fewer than the span holds. */
  buckets_min: number | null;
  buckets_median: number | null;
}

export function summarizeQueries(outcomes: readonly QueryOutcome[]): QueryStats {
  const ok = outcomes.filter((o) => o.status === 200);
  const ms = ok.map((o) => o.ms);
  const tiers: Record<string, number> = {};
  for (const o of ok) if (o.tier) tiers[o.tier] = (tiers[o.tier] ?? 0) + 1;
  const buckets = ok.flatMap((o) => (o.buckets === undefined ? [] : [o.buckets]));
  return {
    count: outcomes.length,
    errors: outcomes.length - ok.length,
    p50_ms: round(percentile(ms, 50)),
    p95_ms: round(percentile(ms, 95)),
    max_ms: round(ms.length ? Math.max(...ms) : null),
    tiers,
    buckets_min: buckets.length ? Math.min(...buckets) : null,
    buckets_median: percentile(buckets, 50),
  };
}

/** Times one query; `read` parses the answer for its tier (off while live latency is measured). */
export async function timeQuery(url: string, read: boolean): Promise<QueryOutcome> {
  const started = performance.now();
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(30_000) });
    if (!read || response.status !== 200) {
      await response.arrayBuffer();
      return { ms: performance.now() - started, status: response.status };
    }
    const text = await response.text();
    const ms = performance.now() - started;
    const answer = JSON.parse(text) as { tier?: string; t?: unknown[] };
    return { ms, status: 200, tier: answer.tier, buckets: answer.t?.length };
  } catch {
    return { ms: performance.now() - started, status: 0 };
  }
}

/**
 * Asks `count` questions one after another, device `i % devices.length` for the i-th, or, with
 * `until`, as many as fit until it resolves.
 */
export async function queryLoop(
  baseUrl: string,
  devices: readonly string[],
  ask: HistoryAsk,
  options: { count?: number; until?: Promise<unknown>; read?: boolean },
): Promise<QueryOutcome[]> {
  if (devices.length === 0) throw new Error("queryLoop: no devices to ask about");
  let stopped = false;
  void options.until?.then(() => {
    stopped = true;
  });
  const outcomes: QueryOutcome[] = [];
  for (let i = 0; !stopped && (options.count === undefined || i < options.count); i++) {
    const device = devices[i % devices.length] as string;
    outcomes.push(await timeQuery(historyUrl(baseUrl, device, ask, Date.now()), options.read ?? true));
  }
  return outcomes;
}

/** Bytes on disk per raw value; null when there are no values. */
export function bytesPerValue(bytes: number, values: number): number | null {
  return values > 0 ? bytes / values : null;
}

/** Raw values a fleet produces in `seconds`: each device's metric count times its rate. */
export function fleetValues(
  fleet: readonly { metrics: readonly unknown[]; rate: number }[],
  seconds: number,
) {
  return fleet.reduce((sum, device) => sum + device.metrics.length * device.rate * seconds, 0);
}

/** `after` relative to `before`, in percent (+10 = 10 % more); null when `before` is 0 or missing. */
export function changePct(before: number | null, after: number | null): number | null {
  if (before === null || after === null || before === 0) return null;
  return ((after - before) / before) * 100;
}

/** "met" or "missed by X" for a figure that must stay at or under `limit`; "not measured" for null. */
export function verdict(measured: number | null, limit: number, unit = ""): string {
  if (measured === null) return "not measured";
  if (measured <= limit) return "met";
  return `missed by ${round(measured - limit, 2)}${unit}`;
}
