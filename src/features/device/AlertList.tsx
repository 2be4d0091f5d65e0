import { formatClock } from "../../charts/format";
import type { MetricInfo } from "../../protocol/messages";
import type { ActiveAlert } from "../alerts/alertStore";

/** The device's active alerts, in words. */
export function AlertList({
  alerts,
  metrics,
}: {
  alerts: Readonly<Record<string, ActiveAlert>>;
  metrics: readonly MetricInfo[];
}) {
  return (
    <ul className="alert-list" aria-label="Active alerts">
      {Object.values(alerts).map((alert) => {
        const metric = metrics.find((m) => m.key === alert.metric);
        return (
          <li key={alert.metric} className="alert-item">
            <strong>{metric?.label ?? alert.metric}</strong> {alert.side === "high" ? "above" : "below"}{" "}
            {alert.limit}
            {metric ? ` ${metric.unit}` : ""} since {formatClock(alert.since)}
          </li>
        );
      })}
    </ul>
  );
}
