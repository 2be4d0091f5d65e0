/** The value a line shows at a time under the pointer, for the Compare chart's hover readout. */
import type { ChartPoint } from "../../charts/chartTypes";

/**
 * The point of `points` (ascending by t) nearest to `t`, if it is within `maxMs`; a break
 * (`v: null`) nearest means no value there.
 */
export function valueAt(points: readonly ChartPoint[], t: number, maxMs: number): ChartPoint | undefined {
  let lo = 0;
  let hi = points.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((points[mid] as ChartPoint).t < t) lo = mid + 1;
    else hi = mid;
  }
  const candidates = [points[lo - 1], points[lo]].filter((p): p is ChartPoint => p !== undefined);
  const nearest = candidates.sort((a, b) => Math.abs(a.t - t) - Math.abs(b.t - t))[0];
  if (!nearest || nearest.v === null || Math.abs(nearest.t - t) > maxMs) return undefined;
  return nearest;
}
