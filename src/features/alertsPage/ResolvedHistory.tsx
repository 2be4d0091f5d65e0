import { useEffect, useState } from "react";
import { t } from "../../i18n/i18n";
import type { AlertInfo, DeviceKind } from "../../protocol/messages";
import { getDashboard } from "../../store/dashboardInstance";
import type { DeviceEntry } from "../../store/dashboardTypes";
import { Field } from "../../ui/Field";
import { AlertsApiError, listAlerts } from "../alerts/alertsApi";
import { AlertTable } from "./AlertTable";
import { type AlertFilter, filterAlerts, HISTORY_RANGES, type HistoryRangeKey } from "./alertFilter";

interface Props {
  filter: AlertFilter;
  devices: Readonly<Record<string, DeviceEntry>>;
  kindOf(device: string): DeviceKind | undefined;
}

type Answer =
  | { status: "loading" }
  | { status: "ok"; alerts: AlertInfo[] }
  | { status: "error"; message: string };

/** Alerts resolved over a chosen range, read from `GET /api/alerts?state=resolved`. */
export function ResolvedHistory({ filter, devices, kindOf }: Props) {
  const [range, setRange] = useState<HistoryRangeKey>("24h");
  const [answer, setAnswer] = useState<Answer>({ status: "loading" });
  const [reload, setReload] = useState(0);
  const device = filter.device;

  // biome-ignore lint/correctness/useExhaustiveDependencies: `reload` is the Refresh button's request for a new answer.
  useEffect(() => {
    let current = true;
    const to = getDashboard().serverNow();
    const ms = HISTORY_RANGES.find((r) => r.key === range)?.ms ?? 86_400_000;
    setAnswer({ status: "loading" });
    listAlerts({ states: ["resolved"], from: to - ms, to, ...(device ? { device } : {}) }).then(
      (alerts) => current && setAnswer({ status: "ok", alerts }),
      (error: unknown) =>
        current &&
        setAnswer({
          status: "error",
          message: error instanceof AlertsApiError ? error.message : t("alertsPage.historyFailed"),
        }),
    );
    return () => {
      current = false;
    };
  }, [range, device, reload]);

  const shown = answer.status === "ok" ? filterAlerts(answer.alerts, filter, kindOf, false) : [];
  return (
    <section className="panel" aria-labelledby="resolved-title">
      <h2 id="resolved-title">{t("alertsPage.resolved")}</h2>
      <div className="alerts-toolbar">
        <Field label={t("alertsPage.range")}>
          {(id) => (
            <select id={id} value={range} onChange={(e) => setRange(e.target.value as HistoryRangeKey)}>
              {HISTORY_RANGES.map((r) => (
                <option key={r.key} value={r.key}>
                  {t(r.label)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <button type="button" className="btn" onClick={() => setReload((n) => n + 1)}>
          {t("alertsPage.refresh")}
        </button>
      </div>
      {answer.status === "loading" && <p className="muted">{t("alertsPage.loadingHistory")}</p>}
      {answer.status === "error" && (
        <p className="error-text" role="alert">
          {answer.message}
        </p>
      )}
      {answer.status === "ok" &&
        (shown.length === 0 ? (
          <p className="muted">
            {answer.alerts.length > 0 ? t("alertsPage.noneResolvedMatch") : t("alertsPage.noneResolved")}
          </p>
        ) : (
          <AlertTable
            label={t("alertsPage.resolvedAlerts")}
            alerts={shown}
            devices={devices}
            sinceLabel={t("alertsPage.resolvedAt")}
          />
        ))}
    </section>
  );
}
