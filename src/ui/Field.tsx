/** The labelled form field used by every feature's forms and filters. Styled by `.field` in app.css. */
import { type ReactNode, useId } from "react";

export interface FieldProps {
  label: ReactNode;
  className?: string;
  /** Renders the control with the id its label points at. */
  children(id: string): ReactNode;
}

/**
 * A label and its control, tied by id rather than by nesting: a nested select's options (or an
 * input's value) would otherwise become part of its accessible name.
 */
export function Field({ label, className, children }: FieldProps) {
  const id = useId();
  return (
    <div className={className ? `field ${className}` : "field"}>
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      {children(id)}
    </div>
  );
}
