/** Words for the server's own health (`serverStats`, v1.4) on the Health page. */
import type { ServerStats } from "../../protocol/messages";

function bytes(value: number): string {
  if (value >= 1_048_576) return `${(value / 1_048_576).toFixed(1)} MB`;
  if (value >= 1024) return `${(value / 1024).toFixed(1)} KB`;
  return `${value} B`;
}

/** Rows of term and value; one row saying it is not known yet when the server sent nothing. */
export function serverHealthRows(stats: ServerStats | undefined, now: number): [string, string][] {
  if (!stats) return [["Server figures", "not received yet (the server sends them every 5 s)"]];
  const age = Math.max(0, Math.round((now - stats.at) / 1000));
  const store = stats.store;
  return [
    ["Connected dashboards", String(stats.dashboards)],
    ["Values ingested (whole fleet)", `${Math.round(stats.valuesPerSecond).toLocaleString("en")} val/s`],
    ["Fleet tick lag (p99)", `${stats.tickLagP99Ms} ms`],
    [
      "Store writes",
      store
        ? `${store.up ? "up" : "down"}, last commit ${Math.round(store.commitMs)} ms, ${bytes(store.bufferedBytes)} waiting`
        : "no store (history in memory only)",
    ],
    [
      "Broker",
      stats.brokerConnected === null
        ? "none (simulated fleet)"
        : stats.brokerConnected
          ? "connected"
          : "lost",
    ],
    ["Webhook failures", stats.webhookFailures === null ? "no webhooks" : String(stats.webhookFailures)],
    ["Figures as of", age <= 1 ? "now" : `${age} s ago`],
  ];
}
