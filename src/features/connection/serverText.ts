/** Words for the server's own health (`serverStats`, v1.4) on the Health page. */

import { formatNumber } from "../../i18n/format";
import { t } from "../../i18n/i18n";
import type { ServerStats } from "../../protocol/messages";

function bytes(value: number): string {
  if (value >= 1_048_576) return `${(value / 1_048_576).toFixed(1)} MB`;
  if (value >= 1024) return `${(value / 1024).toFixed(1)} KB`;
  return `${value} B`;
}

/** Rows of term and value; one row saying it is not known yet when the server sent nothing. */
export function serverHealthRows(stats: ServerStats | undefined, now: number): [string, string][] {
  if (!stats) return [[t("server.figures"), t("server.notYet")]];
  const age = Math.max(0, Math.round((now - stats.at) / 1000));
  const store = stats.store;
  return [
    [t("server.dashboards"), String(stats.dashboards)],
    [
      t("server.ingested"),
      t("server.ingestedValue", { rate: formatNumber(Math.round(stats.valuesPerSecond)) }),
    ],
    [t("server.tickLag"), `${stats.tickLagP99Ms} ms`],
    [
      t("server.storeWrites"),
      store
        ? t("server.storeLine", {
            state: store.up ? "up" : "down",
            ms: Math.round(store.commitMs),
            waiting: bytes(store.bufferedBytes),
          })
        : t("server.noStore"),
    ],
    [
      t("server.broker"),
      stats.brokerConnected === null
        ? t("server.brokerNone")
        : stats.brokerConnected
          ? t("server.brokerConnected")
          : t("server.brokerLost"),
    ],
    [
      t("server.webhookFailures"),
      stats.webhookFailures === null ? t("server.noWebhooks") : String(stats.webhookFailures),
    ],
    [t("server.asOf"), age <= 1 ? t("server.now") : t("time.secondsAgo", { n: age })],
  ];
}
