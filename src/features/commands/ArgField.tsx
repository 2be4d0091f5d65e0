import { useId } from "react";
import { fieldLabel, valueLabel } from "../../i18n/deviceText";
import type { CommandArgSchema } from "../../protocol/messages";
import { numberStep } from "./commandForm";

export interface ArgFieldProps {
  name: string;
  schema: CommandArgSchema;
  value: number | boolean | string | undefined;
  error?: string;
  disabled: boolean;
  onChange(value: number | boolean | string): void;
}

/** One argument input, chosen by its schema: number (field + slider), toggle, or select. */
export function ArgField({ name, schema, value, error, disabled, onChange }: ArgFieldProps) {
  const id = useId();
  const errorId = `${id}-error`;
  const described = error ? errorId : undefined;
  const label = fieldLabel(name);
  let input: React.ReactNode;
  if (schema.type === "number") {
    const step = numberStep(schema);
    const numeric = typeof value === "number" ? value : Number.NaN;
    const range = schema.min !== undefined && schema.max !== undefined;
    input = (
      <div className="arg-number">
        <input
          id={id}
          type="number"
          inputMode="decimal"
          min={schema.min}
          max={schema.max}
          step={step}
          value={Number.isNaN(numeric) ? "" : numeric}
          disabled={disabled}
          aria-invalid={error ? true : undefined}
          aria-describedby={described}
          onChange={(event) => onChange(event.target.value === "" ? Number.NaN : Number(event.target.value))}
        />
        {schema.unit && <span className="arg-unit">{schema.unit}</span>}
        {range && (
          <input
            type="range"
            aria-label={`${label} slider`}
            min={schema.min}
            max={schema.max}
            step={step}
            value={Number.isNaN(numeric) ? (schema.min ?? 0) : numeric}
            disabled={disabled}
            onChange={(event) => onChange(Number(event.target.value))}
          />
        )}
        {range && (
          <span className="arg-range muted">
            {schema.min}–{schema.max}
            {schema.unit ? ` ${schema.unit}` : ""}
          </span>
        )}
      </div>
    );
  } else if (schema.type === "boolean") {
    input = (
      <label className="arg-toggle">
        <input
          id={id}
          type="checkbox"
          role="switch"
          aria-checked={value === true}
          checked={value === true}
          disabled={disabled}
          aria-describedby={described}
          onChange={(event) => onChange(event.target.checked)}
        />
        <span>{value === true ? "On" : "Off"}</span>
      </label>
    );
  } else {
    input = (
      <select
        id={id}
        value={typeof value === "string" ? value : ""}
        disabled={disabled}
        aria-invalid={error ? true : undefined}
        aria-describedby={described}
        onChange={(event) => onChange(event.target.value)}
      >
        {schema.values.map((option) => (
          <option key={option} value={option}>
            {valueLabel(option)}
          </option>
        ))}
      </select>
    );
  }
  return (
    <div className="field arg-field">
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      {input}
      {error && (
        <p id={errorId} className="error-text arg-error">
          {error}
        </p>
      )}
    </div>
  );
}
