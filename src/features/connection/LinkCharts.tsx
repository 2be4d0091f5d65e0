import { Sparkline } from "../../charts/Sparkline";
import { LINK_HISTORY_MS, type LinkFigure } from "../../store/linkHistory";
import { useDashboard } from "../../store/useDashboard";

interface LinkChartsProps {
  now: number;
  format: Record<LinkFigure, (value: number | undefined) => string>;
}

const CHARTS: { figure: LinkFigure; title: string }[] = [
  { figure: "rttMs", title: "Round-trip time" },
  { figure: "messagesPerSecond", title: "Messages" },
  { figure: "bytesPerSecond", title: "Data rate" },
];

/** The link over the last 15 minutes: one small line per figure, the current value beside it. */
export function LinkCharts({ now, format }: LinkChartsProps) {
  const stats = useDashboard((s) => s.stats);
  const history = useDashboard((s) => s.linkHistory);
  const from = now - LINK_HISTORY_MS;
  return (
    <ul className="link-charts" aria-label="The link over the last 15 minutes">
      {CHARTS.map(({ figure, title }) => (
        <li key={figure} className="link-chart">
          <span className="link-chart-title">{title}</span>
          <Sparkline
            points={history.points(figure, from)}
            from={from}
            to={now}
            min={0}
            width={240}
            height={40}
            label={`${title} over the last 15 minutes`}
          />
          <span className="link-chart-value">{format[figure](stats[figure])}</span>
        </li>
      ))}
    </ul>
  );
}
