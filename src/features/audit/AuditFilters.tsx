import { Field } from "../../ui/Field";
import { DeviceField, SinceField } from "../events/LogbookFilters";
import { ACTION_LABELS, type AuditAction, type AuditQuery } from "./auditQuery";

const ACTIONS = Object.keys(ACTION_LABELS) as AuditAction[];

interface AuditFiltersProps {
  query: AuditQuery;
  onChange(query: AuditQuery): void;
}

/** Time range, user, device and action of the Audit page. */
export function AuditFilters({ query, onChange }: AuditFiltersProps) {
  return (
    <div className="logbook-filters">
      <SinceField value={query.sinceMs} onChange={(sinceMs) => onChange({ ...query, sinceMs })} />
      <Field label="User">
        {(id) => (
          <input
            id={id}
            type="search"
            value={query.user}
            placeholder="Any user"
            onChange={(event) => onChange({ ...query, user: event.target.value })}
          />
        )}
      </Field>
      <DeviceField value={query.device} onChange={(device) => onChange({ ...query, device })} />
      <Field label="Action">
        {(id) => (
          <select
            id={id}
            value={query.actions[0] ?? ""}
            onChange={(event) =>
              onChange({ ...query, actions: event.target.value ? [event.target.value as AuditAction] : [] })
            }
          >
            <option value="">All actions</option>
            {ACTIONS.map((action) => (
              <option key={action} value={action}>
                {ACTION_LABELS[action]}
              </option>
            ))}
          </select>
        )}
      </Field>
    </div>
  );
}
