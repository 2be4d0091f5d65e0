import { formatValue } from "../../charts/format";
import { fieldLabel, metricLabel, valueLabel } from "../../i18n/deviceText";
import { t } from "../../i18n/i18n";
import type { CommandArgs, DeviceInfo, DeviceState } from "../../protocol/messages";
import { getDashboard } from "../../store/dashboardInstance";
import { useDashboard } from "../../store/useDashboard";
import { useSeriesTick } from "../../ui/useSeriesTick";
import { convergence, findSetpoints } from "./convergence";

/** The number a command asks for a state field: arg `target` sets `target` or `climateTarget`. */
function requestedValue(args: CommandArgs, stateKey: string): number | undefined {
  for (const [name, value] of Object.entries(args)) {
    if (typeof value !== "number") continue;
    if (stateKey === name || stateKey.toLowerCase().endsWith(name.toLowerCase())) return value;
  }
  return undefined;
}

/** How far back the trend is judged (ms). */
const TREND_MS = 15_000;

export interface DesiredVsReportedProps {
  info: DeviceInfo;
  state: DeviceState;
  online: boolean;
}

/** "Target 22 °C · measured 19.4 °C · converging", for every setpoint the device has. */
export function DesiredVsReported({ info, state, online }: DesiredVsReportedProps) {
  useSeriesTick(getDashboard().store, info.id, 500);
  const inFlight = useDashboard((s) => {
    for (let i = s.commandOrder.length - 1; i >= 0; i--) {
      const entry = s.commands[s.commandOrder[i] as string];
      if (entry?.device === info.id && (entry.status === "sending" || entry.status === "pending"))
        return entry;
    }
    return undefined;
  });
  const setpoints = findSetpoints({ metrics: info.metrics, state });
  const others = Object.entries(state).filter(([key]) => !setpoints.some((point) => point.stateKey === key));
  const buffer = getDashboard().series.get(info.id);
  return (
    <>
      {others.length > 0 && (
        <dl className="reported-state" aria-label={t("state.reported")}>
          {others.map(([key, value]) => (
            <div key={key}>
              <dt>{fieldLabel(key)}</dt>
              <dd>
                {typeof value === "boolean"
                  ? value
                    ? t("state.yes")
                    : t("state.no")
                  : valueLabel(String(value))}
              </dd>
            </div>
          ))}
        </dl>
      )}
      {setpoints.length > 0 && (
        <ul className="desired-list" aria-label={t("state.desired")}>
          {setpoints.map(({ stateKey, metric }) => {
            const target = state[stateKey] as number;
            const latest = buffer?.latest(metric.key);
            let earlier: number | undefined;
            if (buffer && buffer.length > 0) {
              const column = buffer.metricIndex(metric.key);
              const index = buffer.indexAtOrAfter(buffer.timeAt(buffer.length - 1) - TREND_MS);
              if (column >= 0 && index < buffer.length) earlier = buffer.valueAt(column, index);
            }
            const requested = inFlight ? requestedValue(inFlight.args, stateKey) : undefined;
            const verdict = online ? convergence(target, latest, earlier, metric) : "device offline";
            return (
              <li key={stateKey} className="desired-item">
                <span>
                  <span className="muted">{fieldLabel(stateKey)}</span>{" "}
                  <strong>{formatValue(target, metric.unit)}</strong>
                </span>
                <span>
                  <span className="muted">
                    {t("state.measured", { metric: metricLabel(metric).toLowerCase() })}
                  </span>{" "}
                  <strong>{formatValue(latest, metric.unit)}</strong>
                </span>
                {requested !== undefined && requested !== target && (
                  <span className="requested">
                    {t("state.requested", { value: formatValue(requested, metric.unit) })}
                  </span>
                )}
                <span className={`convergence convergence-${verdict.replaceAll(" ", "-")}`}>
                  {t(`convergence.${verdict}`)}
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}
