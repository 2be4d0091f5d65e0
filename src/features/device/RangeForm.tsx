import { type FormEvent, useId, useState } from "react";
import { t } from "../../i18n/i18n";
import type { TimeRange } from "../../ui/links";

/** `YYYY-MM-DDTHH:mm` in local time, the value a datetime-local input takes. */
export function toLocalInput(epochMs: number): string {
  const d = new Date(epochMs - new Date(epochMs).getTimezoneOffset() * 60_000);
  return d.toISOString().slice(0, 16);
}

export interface RangeFormProps {
  /** The range shown now (the form starts with it). */
  from: number;
  to: number;
  onApply(range: TimeRange): void;
}

/** A custom from/to, in local time; a wrong pair is refused in words. */
export function RangeForm({ from, to, onApply }: RangeFormProps) {
  const id = useId();
  const [start, setStart] = useState(() => toLocalInput(from));
  const [end, setEnd] = useState(() => toLocalInput(to));
  const [error, setError] = useState<string>();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const a = new Date(start).getTime();
    const b = new Date(end).getTime();
    if (!Number.isFinite(a) || !Number.isFinite(b)) setError(t("range.enterBoth"));
    else if (a >= b) setError(t("range.startBeforeEnd"));
    else {
      setError(undefined);
      onApply({ from: a, to: b });
    }
  };
  return (
    <form className="range-form" onSubmit={submit} noValidate aria-label={t("range.custom")}>
      <label htmlFor={`${id}-from`}>{t("range.from")}</label>
      <input
        id={`${id}-from`}
        type="datetime-local"
        value={start}
        onChange={(e) => setStart(e.target.value)}
      />
      <label htmlFor={`${id}-to`}>{t("range.to")}</label>
      <input id={`${id}-to`} type="datetime-local" value={end} onChange={(e) => setEnd(e.target.value)} />
      <button type="submit" className="btn">
        {t("range.show")}
      </button>
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
