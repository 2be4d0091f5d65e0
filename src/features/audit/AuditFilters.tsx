import { t } from "../../i18n/i18n";
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
      <Field label={t("audit.userField")}>
        {(id) => (
          <input
            id={id}
            type="search"
            value={query.user}
            placeholder={t("audit.anyUser")}
            onChange={(event) => onChange({ ...query, user: event.target.value })}
          />
        )}
      </Field>
      <DeviceField value={query.device} onChange={(device) => onChange({ ...query, device })} />
      <Field label={t("audit.action")}>
        {(id) => (
          <select
            id={id}
            value={query.actions[0] ?? ""}
            onChange={(event) =>
              onChange({ ...query, actions: event.target.value ? [event.target.value as AuditAction] : [] })
            }
          >
            <option value="">{t("audit.allActions")}</option>
            {ACTIONS.map((action) => (
              <option key={action} value={action}>
                {t(ACTION_LABELS[action])}
              </option>
            ))}
          </select>
        )}
      </Field>
    </div>
  );
}
