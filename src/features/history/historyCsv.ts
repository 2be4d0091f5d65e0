/**
 * CSV export of the history on screen: per bucket its start, width, and each metric's min, max,
 * average and count; or, when the answer holds raw samples, one row per sample as the live export
 * writes it. Lines end with CRLF (RFC 4180).
 */
import type { MetricInfo } from "../../protocol/messages";
import { csvCell } from "../device/csv";
import type { BucketSeries } from "./buckets";

type Metric = Pick<MetricInfo, "key" | "unit">;

function name(metric: Metric, suffix = ""): string {
  return csvCell(`${metric.key}${suffix}${metric.unit ? ` (${metric.unit})` : ""}`);
}

function iso(t: number): string {
  return new Date(t).toISOString();
}

/** Every bucket start (or sample time) of any metric in [from, to), ascending. */
function times(
  series: readonly (BucketSeries | undefined)[],
  from: number,
  to: number,
  width: number,
): number[] {
  const all = new Set<number>();
  for (const s of series) for (const t of s?.t ?? []) if (t + width > from && t < to) all.add(t);
  return [...all].sort((a, b) => a - b);
}

/** The CSV of `series` (by metric key) in [from, to). */
export function buildHistoryCsv(
  series: Readonly<Record<string, BucketSeries>>,
  metrics: readonly Metric[],
  from: number,
  to: number,
): string {
  const columns = metrics.map((metric) => series[metric.key]);
  const bucketMs = columns.find(Boolean)?.bucketMs ?? 1;
  const raw = bucketMs === 1;
  const header = raw
    ? ["timestamp", ...metrics.map((m) => name(m))]
    : [
        "bucket_start",
        "bucket_ms",
        ...metrics.flatMap((m) =>
          ["min", "max", "avg"].map((s) => name(m, ` ${s}`)).concat(csvCell(`${m.key} count`)),
        ),
      ];
  const lines = [header.join(",")];
  // Rows are looked up by start per metric: metrics may miss different buckets.
  const index = columns.map((s) => new Map((s?.t ?? []).map((t, i) => [t, i])));
  for (const t of times(columns, from, to, Math.max(bucketMs, 1))) {
    const cells = raw ? [iso(t)] : [iso(t), String(bucketMs)];
    columns.forEach((s, k) => {
      const i = index[k]?.get(t);
      if (!s || i === undefined) {
        cells.push(...(raw ? [""] : ["", "", "", "0"]));
        return;
      }
      const count = s.count[i] as number;
      const avg = (s.sum[i] as number) / count;
      cells.push(...(raw ? [String(avg)] : [String(s.min[i]), String(s.max[i]), String(avg), String(count)]));
    });
    lines.push(cells.join(","));
  }
  return `${lines.join("\r\n")}\r\n`;
}
