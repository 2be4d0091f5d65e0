/** Current, min, max and mean of one metric over a time window, from the raw samples. */
import type { SeriesBuffer } from "../../telemetry/ringBuffer";

export interface WindowStats {
  current?: number;
  min?: number;
  max?: number;
  mean?: number;
  count: number;
}

export function windowStats(
  buffer: SeriesBuffer | undefined,
  key: string,
  from: number,
  to: number,
): WindowStats {
  const column = buffer?.metricIndex(key) ?? -1;
  if (!buffer || column < 0) return { count: 0 };
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  let sum = 0;
  let count = 0;
  let current: number | undefined;
  const end = buffer.indexAfter(to);
  for (let i = buffer.indexAtOrAfter(from); i < end; i++) {
    const v = buffer.valueAt(column, i);
    if (!Number.isFinite(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
    sum += v;
    count++;
    current = v;
  }
  return count === 0 ? { count: 0 } : { current, min, max, mean: sum / count, count };
}
