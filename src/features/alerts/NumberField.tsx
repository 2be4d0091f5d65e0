import { Field } from "../../ui/Field";

interface NumberFieldProps {
  metricLabel: string;
  label: string;
  value: string;
  onChange(value: string): void;
}

/** One number input; the metric name is in its accessible label, the short label is what shows. */
export function NumberField({ metricLabel, label, value, onChange }: NumberFieldProps) {
  return (
    <Field
      label={
        <>
          <span className="visually-hidden">{metricLabel} </span>
          {label}
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
