/** Small descriptive statistics for benchmark samples: percentiles, medians, slopes. */

/** The p-th percentile (0..100) of `values` by nearest rank; null when there are none. */
export function percentile(values: ArrayLike<number>, p: number): number | null {
  if (values.length === 0) return null;
  const sorted = Float64Array.from(values).sort();
  const rank = Math.ceil((p / 100) * sorted.length);
  const index = Math.min(sorted.length - 1, Math.max(0, rank - 1));
  return sorted[index] ?? null;
}

/** Median (50th percentile by nearest rank); null when empty. */
export function median(values: ArrayLike<number>): number | null {
  return percentile(values, 50);
}

/** Least-squares slope of y over x; null with fewer than two distinct x. */
export function slope(xs: readonly number[], ys: readonly number[]): number | null {
  const n = Math.min(xs.length, ys.length);
  if (n < 2) return null;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < n; i++) {
    sx += xs[i] as number;
    sy += ys[i] as number;
  }
  const mx = sx / n;
  const my = sy / n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    const dx = (xs[i] as number) - mx;
    num += dx * ((ys[i] as number) - my);
    den += dx * dx;
  }
  return den === 0 ? null : num / den;
}

/**
 * Histogram of millisecond latencies in 0.5 ms buckets up to `maxMs` (larger values land in
 * the last bucket), so millions of samples cost a fixed amount of memory.
 */
export class LatencyHistogram {
  private readonly buckets: Uint32Array;
  private readonly bucketMs = 0.5;
  count = 0;

  constructor(maxMs = 60_000) {
    this.buckets = new Uint32Array(Math.ceil(maxMs / this.bucketMs) + 1);
  }

  add(ms: number, times = 1): void {
    const index = Math.min(this.buckets.length - 1, Math.max(0, Math.floor(ms / this.bucketMs)));
    this.buckets[index] = (this.buckets[index] ?? 0) + times;
    this.count += times;
  }

  /** The p-th percentile (upper edge of its bucket); null when empty. */
  percentile(p: number): number | null {
    if (this.count === 0) return null;
    const target = Math.max(1, Math.ceil((p / 100) * this.count));
    let seen = 0;
    for (let i = 0; i < this.buckets.length; i++) {
      seen += this.buckets[i] ?? 0;
      if (seen >= target) return (i + 1) * this.bucketMs;
    }
    return null;
  }
}

/** Rounds for display and JSON, keeping null; `digits` decimals. */
export function round(value: number | null | undefined, digits = 1): number | null {
  if (value === null || value === undefined || !Number.isFinite(value)) return null;
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
