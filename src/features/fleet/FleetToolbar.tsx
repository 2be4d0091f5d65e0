import { type MessageId, t } from "../../i18n/i18n";
import type { DeviceKind } from "../../protocol/messages";
import { Field } from "../../ui/Field";
import { KIND_LABEL } from "../../ui/KindIcon";
import type { FleetFilter, SortKey, StatusFilter } from "./fleetFilter";

export interface FleetToolbarProps {
  filter: FleetFilter;
  onChange(filter: FleetFilter): void;
}

const STATUS_LABEL: Record<StatusFilter, MessageId> = {
  "": "status.any",
  online: "status.online",
  stale: "status.stale",
  offline: "status.offline",
  alerting: "status.alerting",
};
const SORT_LABEL: Record<SortKey, MessageId> = {
  name: "overview.sortName",
  kind: "overview.sortKind",
  status: "overview.sortStatus",
  alerts: "overview.sortAlerts",
};

/** Search box and the kind/status/sort pickers of the overview. */
export function FleetToolbar({ filter, onChange }: FleetToolbarProps) {
  return (
    <search aria-label={t("overview.filterLabel")} className="fleet-toolbar">
      <Field label={t("overview.search")} className="fleet-search">
        {(id) => (
          <input
            id={id}
            type="search"
            placeholder={t("overview.searchPlaceholder")}
            value={filter.query}
            onChange={(event) => onChange({ ...filter, query: event.target.value })}
          />
        )}
      </Field>
      <Field label={t("overview.kind")}>
        {(id) => (
          <select
            id={id}
            value={filter.kind}
            onChange={(event) => onChange({ ...filter, kind: event.target.value as DeviceKind | "" })}
          >
            <option value="">{t("overview.allKinds")}</option>
            {Object.entries(KIND_LABEL).map(([kind, label]) => (
              <option key={kind} value={kind}>
                {t(label)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t("overview.status")}>
        {(id) => (
          <select
            id={id}
            value={filter.status}
            onChange={(event) => onChange({ ...filter, status: event.target.value as StatusFilter })}
          >
            {Object.entries(STATUS_LABEL).map(([status, label]) => (
              <option key={status} value={status}>
                {t(label)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t("overview.sortBy")}>
        {(id) => (
          <select
            id={id}
            value={filter.sort}
            onChange={(event) => onChange({ ...filter, sort: event.target.value as SortKey })}
          >
            {Object.entries(SORT_LABEL).map(([sort, label]) => (
              <option key={sort} value={sort}>
                {t(label)}
              </option>
            ))}
          </select>
        )}
      </Field>
    </search>
  );
}
