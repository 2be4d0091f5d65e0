import { Sparkline } from "../../charts/Sparkline";
import { type MessageId, t } from "../../i18n/i18n";
import { LINK_HISTORY_MS, type LinkFigure } from "../../store/linkHistory";
import { useDashboard } from "../../store/useDashboard";

interface LinkChartsProps {
  now: number;
  format: Record<LinkFigure, (value: number | undefined) => string>;
}

const CHARTS: { figure: LinkFigure; title: MessageId }[] = [
  { figure: "rttMs", title: "health.chartRtt" },
  { figure: "messagesPerSecond", title: "health.chartMessages" },
  { figure: "bytesPerSecond", title: "health.chartData" },
];

/** The link over the last 15 minutes: one small line per figure, the current value beside it. */
export function LinkCharts({ now, format }: LinkChartsProps) {
  const stats = useDashboard((s) => s.stats);
  const history = useDashboard((s) => s.linkHistory);
  const from = now - LINK_HISTORY_MS;
  return (
    <ul className="link-charts" aria-label={t("health.chartsLabel")}>
      {CHARTS.map(({ figure, title }) => (
        <li key={figure} className="link-chart">
          <span className="link-chart-title">{t(title)}</span>
          <Sparkline
            points={history.points(figure, from)}
            from={from}
            to={now}
            min={0}
            width={240}
            height={40}
            label={t("health.chartLabel", { title: t(title) })}
          />
          <span className="link-chart-value">{format[figure](stats[figure])}</span>
        </li>
      ))}
    </ul>
  );
}
