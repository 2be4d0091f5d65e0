import { type FormEvent, useId, useState } from "react";
import type { Thresholds } from "../../charts/chartTypes";
import type { MetricInfo } from "../../protocol/messages";
import { Field } from "../../ui/Field";
import { defaultThresholds } from "./alertEvaluator";
import { thresholdKey, thresholdsFor } from "./alertStore";
import { getAlertStore, useAlerts } from "./useAlerts";

function parse(text: string): number | undefined {
  if (text.trim() === "") return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : Number.NaN;
}

function MetricThresholds({ deviceId, metric }: { deviceId: string; metric: MetricInfo }) {
  const override = useAlerts((s) => s.overrides[thresholdKey(deviceId, metric.key)]);
  const current = thresholdsFor(
    override ? { [thresholdKey(deviceId, metric.key)]: override } : {},
    deviceId,
    metric,
  );
  const [low, setLow] = useState(current.low?.toString() ?? "");
  const [high, setHigh] = useState(current.high?.toString() ?? "");
  const [error, setError] = useState<string>();
  const [saved, setSaved] = useState(false);
  const id = useId();

  const edited = (setter: (text: string) => void, text: string) => {
    setSaved(false);
    setter(text);
  };
  const save = (event: FormEvent) => {
    event.preventDefault();
    const next: Thresholds = { low: parse(low), high: parse(high) };
    if (Number.isNaN(next.low) || Number.isNaN(next.high))
      return setError("Thresholds must be numbers (or empty for none).");
    if (next.low !== undefined && next.high !== undefined && next.low >= next.high) {
      return setError("The low threshold must be below the high one.");
    }
    setError(undefined);
    getAlertStore().getState().setThresholds(deviceId, metric.key, next);
    setSaved(true);
  };
  const reset = () => {
    const defaults = defaultThresholds(metric);
    getAlertStore().getState().setThresholds(deviceId, metric.key, undefined);
    setLow(defaults.low === undefined ? "" : String(defaults.low));
    setHigh(defaults.high === undefined ? "" : String(defaults.high));
    setError(undefined);
    setSaved(false);
  };

  return (
    <form className="threshold-form" onSubmit={save} aria-labelledby={`${id}-name`} noValidate>
      <span id={`${id}-name`} className="threshold-name">
        {metric.label} <span className="muted">({metric.unit})</span>
      </span>
      <BoundField metricLabel={metric.label} bound="Low" value={low} onChange={(v) => edited(setLow, v)} />
      <BoundField metricLabel={metric.label} bound="High" value={high} onChange={(v) => edited(setHigh, v)} />
      <button type="submit" className="btn">
        Save
      </button>
      <button type="button" className="btn btn-ghost" onClick={reset}>
        Defaults
      </button>
      <span className="threshold-note" aria-live="polite">
        {error ? (
          <span className="error-text">{error}</span>
        ) : saved ? (
          "Saved"
        ) : override ? (
          "Custom"
        ) : (
          "Default"
        )}
      </span>
    </form>
  );
}

/** Per-metric alert thresholds of one device, editable and remembered in this browser. */
export function ThresholdEditor({ deviceId, metrics }: { deviceId: string; metrics: readonly MetricInfo[] }) {
  return (
    <section className="panel" aria-labelledby="thresholds-title">
      <h2 id="thresholds-title">Alert thresholds</h2>
      <p className="muted">
        A value beyond a threshold for more than 3 s raises an alert; it clears when the value returns.
      </p>
      {metrics.map((metric) => (
        <MetricThresholds key={metric.key} deviceId={deviceId} metric={metric} />
      ))}
    </section>
  );
}

interface BoundFieldProps {
  metricLabel: string;
  bound: "Low" | "High";
  value: string;
  onChange(value: string): void;
}

/** One threshold input; the metric name is in its accessible label, "Low"/"High" is what shows. */
function BoundField({ metricLabel, bound, value, onChange }: BoundFieldProps) {
  return (
    <Field
      label={
        <>
          <span className="visually-hidden">{metricLabel} </span>
          {bound}
        </>
      }
    >
      {(id) => (
        <input
          id={id}
          type="number"
          inputMode="decimal"
          value={value}
          step="any"
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </Field>
  );
}
