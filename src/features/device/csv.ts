/** CSV export of a device's samples in a time window: ISO 8601 timestamp + one column per metric. */
import type { MetricInfo } from "../../protocol/messages";
import type { SeriesBuffer } from "../../telemetry/ringBuffer";

/** Quotes a cell when needed and defuses spreadsheet formulas in text from the server. */
export function csvCell(text: string): string {
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

function header(metric: Pick<MetricInfo, "key" | "unit">): string {
  return csvCell(metric.unit ? `${metric.key} (${metric.unit})` : metric.key);
}

/**
 * The raw samples (not downsampled) with time in [from, to], one row per sample. Missing values
 * are empty cells. Lines end with CRLF as RFC 4180 asks.
 */
export function buildCsv(
  buffer: SeriesBuffer | undefined,
  metrics: readonly Pick<MetricInfo, "key" | "unit">[],
  from: number,
  to: number,
): string {
  const lines = [["timestamp", ...metrics.map(header)].join(",")];
  if (buffer) {
    const columns = metrics.map((metric) => buffer.metricIndex(metric.key));
    const end = buffer.indexAfter(to);
    for (let i = buffer.indexAtOrAfter(from); i < end; i++) {
      const cells = [new Date(buffer.timeAt(i)).toISOString()];
      for (const column of columns) {
        const value = column < 0 ? Number.NaN : buffer.valueAt(column, i);
        cells.push(Number.isFinite(value) ? String(value) : "");
      }
      lines.push(cells.join(","));
    }
  }
  return `${lines.join("\r\n")}\r\n`;
}

/** File name for an export, e.g. `thermo-001_2024-05-01T10-00-00Z.csv`. */
export function exportFileName(deviceId: string, at: number, extension: string, suffix = ""): string {
  const stamp = new Date(at)
    .toISOString()
    .replace(/\.\d+Z$/, "Z")
    .replaceAll(":", "-");
  const safeId = deviceId.replace(/[^A-Za-z0-9._-]/g, "_");
  return `${safeId}${suffix ? `_${suffix.replace(/[^A-Za-z0-9._-]/g, "_")}` : ""}_${stamp}.${extension}`;
}
