import { formatAgo, formatClock } from "../../charts/format";
import type { HistoryCapability } from "../../protocol/messages";

function formatBytes(bytes: number): string {
  if (bytes >= 1024 ** 2) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} kB`;
  return `${bytes} B`;
}

/**
 * The health panel's line for the history store: durable or memory only, up or down since when,
 * what waits on the server and what was lost. `undefined`: a server older than v1.2.
 */
export function historyHealth(history: HistoryCapability | undefined, now: number): string {
  if (!history) return "not reported by this server (older than v1.2)";
  if (!history.durable) return "memory only: the server keeps recent samples, lost on restart";
  const status = history.status;
  if (!status) return "durable store";
  const since = `since ${formatClock(status.since)} (${formatAgo(status.since, now)})`;
  const dropped =
    status.samplesDropped > 0 ? `; ${status.samplesDropped} samples could not be kept (buffer full)` : "";
  if (status.up) {
    const waiting =
      status.bufferedBytes > 0 ? `, writing ${formatBytes(status.bufferedBytes)} that waited` : "";
    return `durable store, writing ${since}${waiting}${dropped}`;
  }
  return `durable store unreachable ${since}: live data continues, ${formatBytes(status.bufferedBytes)} waiting on the server${dropped}`;
}
