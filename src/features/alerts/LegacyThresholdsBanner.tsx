import { useState } from "react";
import { t } from "../../i18n/i18n";
import { getDashboard } from "../../store/dashboardInstance";
import { useDashboard } from "../../store/useDashboard";
import { usePermission } from "../access/usePermission";

const KEY = "fleet.thresholds.v1";

function savedCount(): number {
  try {
    const raw = localStorage.getItem(KEY);
    return raw === null ? 0 : Math.max(1, Object.keys(JSON.parse(raw) ?? {}).length);
  } catch {
    return localStorage.getItem(KEY) === null ? 0 : 1;
  }
}

function forget(): void {
  try {
    localStorage.removeItem(KEY);
  } catch {
    // Blocked storage: nothing was readable either.
  }
}

/**
 * Offers, once, to turn the thresholds the old per-browser editor saved into server rules (or to
 * discard them), then clears them. Shown only once the server evaluates alerts (v1.3).
 */
export function LegacyThresholdsBanner() {
  const serverAlerts = useDashboard((s) => s.alerts !== undefined);
  const [count, setCount] = useState(savedCount);
  const [busy, setBusy] = useState(false);
  const denied = usePermission("edit_rules");
  const [outcome, setOutcome] = useState<{ text: string; failed: string[] }>();
  if (!serverAlerts || (count === 0 && !outcome)) return null;

  const convert = async () => {
    setBusy(true);
    try {
      const { migrateThresholds, parseLegacyThresholds } = await import("./legacyThresholds");
      const devices = Object.fromEntries(
        Object.entries(getDashboard().store.getState().devices).map(([id, entry]) => [id, entry.info]),
      );
      const result = await migrateThresholds(parseLegacyThresholds(localStorage.getItem(KEY)), devices);
      if (result.done) {
        forget();
        setCount(0);
      }
      const kept = result.done ? "" : t("legacy.kept");
      setOutcome({
        text: `${t("legacy.created", { count: result.created })}${kept}`,
        failed: result.failed,
      });
    } catch {
      setOutcome({
        text: t("legacy.loadFailed"),
        failed: [],
      });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel legacy-banner" aria-labelledby="legacy-title">
      <h2 id="legacy-title">{t("legacy.title")}</h2>
      {outcome ? (
        <div role="status">
          <p>{outcome.text}</p>
          {outcome.failed.length > 0 && (
            <ul aria-label={t("legacy.notTurned")}>
              {outcome.failed.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          )}
        </div>
      ) : (
        <p>{t("legacy.text", { count })}</p>
      )}
      {count > 0 && denied && (
        <p className="controls-disabled" id="legacy-denied">
          {denied}
        </p>
      )}
      {count > 0 && (
        <div className="legacy-actions">
          <button
            type="button"
            className="btn btn-primary"
            disabled={busy || denied !== undefined}
            aria-describedby={denied && "legacy-denied"}
            onClick={() => void convert()}
          >
            {t("legacy.convert")}
          </button>
          <button
            type="button"
            className="btn btn-ghost"
            disabled={busy}
            onClick={() => {
              forget();
              setCount(0);
              setOutcome(undefined);
            }}
          >
            {t("legacy.discard")}
          </button>
        </div>
      )}
      {outcome && count === 0 && (
        <button type="button" className="btn btn-ghost" onClick={() => setOutcome(undefined)}>
          {t("legacy.close")}
        </button>
      )}
    </section>
  );
}
