import { useState } from "react";
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
      const plural = result.created === 1 ? "rule" : "rules";
      const kept = result.done ? "" : " The saved thresholds are kept: try again when the server answers.";
      setOutcome({
        text: `Created ${result.created} ${plural} from this browser's thresholds.${kept}`,
        failed: result.failed,
      });
    } catch {
      setOutcome({
        text: "The conversion could not be loaded; check the connection and try again.",
        failed: [],
      });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel legacy-banner" aria-labelledby="legacy-title">
      <h2 id="legacy-title">Thresholds saved in this browser</h2>
      {outcome ? (
        <div role="status">
          <p>{outcome.text}</p>
          {outcome.failed.length > 0 && (
            <ul aria-label="Not turned into rules">
              {outcome.failed.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          )}
        </div>
      ) : (
        <p>
          This browser kept alert thresholds for {count} metric{count === 1 ? "" : "s"} from the old editor.
          Alerts are now evaluated by the server from its rules: turn them into rules for those devices, or
          discard them.
        </p>
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
            Turn into rules
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
            Discard
          </button>
        </div>
      )}
      {outcome && count === 0 && (
        <button type="button" className="btn btn-ghost" onClick={() => setOutcome(undefined)}>
          Close
        </button>
      )}
    </section>
  );
}
