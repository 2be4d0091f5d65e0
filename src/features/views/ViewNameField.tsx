import { Field } from "../../ui/Field";
import { MAX_NAME } from "./viewFormat";

/** A view's name: required, at most MAX_NAME characters (the server's limit, docs/VIEWS.md). */
export function ViewNameField({
  label,
  value,
  onChange,
}: {
  label: string;
  value: string;
  onChange(name: string): void;
}) {
  return (
    <Field label={label}>
      {(id) => (
        <input
          id={id}
          required
          maxLength={MAX_NAME}
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </Field>
  );
}
