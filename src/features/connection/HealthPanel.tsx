import { useEffect, useState } from "react";
import { formatDuration } from "../../charts/format";
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
  return h > 0 ? `${h} h ${m} min` : m > 0 ? `${m} min ${s} s` : `${s} s`;
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
    ["Values (this tab's subscriptions)", formatRate(stats.valuesPerSecond, "val")],
    ["Reconnects", String(stats.reconnects)],
    [
      "Mean time to connect",
      stats.meanTimeToConnectMs === undefined ? "—" : formatDuration(stats.meanTimeToConnectMs),
    ],
    [
      "Uptime",
      stats.liveSince === undefined ? "not connected" : formatUptime((now - stats.liveSince) / 1000),
    ],
    ["Replayed samples", String(stats.replayedSamples)],
    ["Recovered on last reconnect", recoveredText(stats)],
    ["Gaps reported", String(stats.gaps)],
    ["Server session", session ?? "—"],
    ["Fleet source", sourceHealth(source, now)],
    ["History", historyHealth(history, now)],
    ["Alert webhooks", webhookHealth(webhooks, now)],
  ];
  return (
    <>
      <section className="panel health-panel" aria-labelledby="health-title">
        <h2 id="health-title">This tab's link</h2>
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
