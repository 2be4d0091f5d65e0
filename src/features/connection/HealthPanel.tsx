import { useEffect, useState } from "react";
import { formatDuration } from "../../charts/format";
import { t } from "../../i18n/i18n";
import { useDashboard } from "../../store/useDashboard";
import { recoveredText } from "./connectionText";
import { historyHealth, webhookHealth } from "./historyText";
import { LinkCharts } from "./LinkCharts";
import { ServerHealth } from "./ServerHealth";
import { sourceHealth } from "./sourceText";

function formatRate(value: number, unit: string): string {
  if (value >= 1_000_000) return `${(value / 1_000_000).toFixed(1)} M${unit}/s`;
  if (value >= 1_000) return `${(value / 1_000).toFixed(1)} k${unit}/s`;
  return `${Math.round(value)} ${unit}/s`;
}

const CHART_FORMAT = {
  rttMs: (value: number | undefined) => (value === undefined ? "—" : formatDuration(value)),
  messagesPerSecond: (value: number | undefined) => formatRate(value ?? 0, "msg"),
  bytesPerSecond: (value: number | undefined) => formatRate(value ?? 0, "B"),
};

function formatUptime(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = Math.floor(seconds % 60);
  return h > 0
    ? t("health.uptimeH", { h, m })
    : m > 0
      ? t("health.uptimeM", { m, s })
      : t("health.uptimeS", { s });
}

/** Link health: round-trip time, throughput, reconnects, time to connect, uptime, gaps. */
export function HealthPanel() {
  const stats = useDashboard((s) => s.stats);
  const session = useDashboard((s) => s.session);
  const source = useDashboard((s) => s.source);
  const history = useDashboard((s) => s.history);
  const webhooks = useDashboard((s) => s.webhooks);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const rows: [string, string][] = [
    [t("health.values"), formatRate(stats.valuesPerSecond, "val")],
    [t("health.reconnects"), String(stats.reconnects)],
    [
      t("health.meanConnect"),
      stats.meanTimeToConnectMs === undefined ? "—" : formatDuration(stats.meanTimeToConnectMs),
    ],
    [
      t("health.uptime"),
      stats.liveSince === undefined ? t("health.notConnected") : formatUptime((now - stats.liveSince) / 1000),
    ],
    [t("health.replayed"), String(stats.replayedSamples)],
    [t("health.recovered"), recoveredText(stats)],
    [t("health.gaps"), String(stats.gaps)],
    [t("health.session"), session ?? "—"],
    [t("health.source"), sourceHealth(source, now)],
    [t("health.history"), historyHealth(history, now)],
    [t("health.webhooks"), webhookHealth(webhooks, now)],
  ];
  return (
    <>
      <section className="panel health-panel" aria-labelledby="health-title">
        <h2 id="health-title">{t("health.thisLink")}</h2>
        <LinkCharts now={now} format={CHART_FORMAT} />
        <dl className="health-grid">
          {rows.map(([term, value]) => (
            <div key={term} className="health-row">
              <dt>{term}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      </section>
      <ServerHealth now={now} />
    </>
  );
}
