import type { DeviceKind } from "../../protocol/messages";
import { Field } from "../../ui/Field";
import { KIND_LABEL } from "../../ui/KindIcon";
import type { FleetFilter, SortKey, StatusFilter } from "./fleetFilter";

export interface FleetToolbarProps {
  filter: FleetFilter;
  onChange(filter: FleetFilter): void;
}

const STATUS_LABEL: Record<StatusFilter, string> = {
  "": "Any status",
  online: "Online",
  stale: "Stale",
  offline: "Offline",
  alerting: "Alerting",
};
const SORT_LABEL: Record<SortKey, string> = {
  name: "Name",
  kind: "Kind",
  status: "Status (problems first)",
  alerts: "Alerts first",
};

/** Search box and the kind/status/sort pickers of the overview. */
export function FleetToolbar({ filter, onChange }: FleetToolbarProps) {
  return (
    <search aria-label="Filter devices" className="fleet-toolbar">
      <Field label="Search" className="fleet-search">
        {(id) => (
          <input
            id={id}
            type="search"
            placeholder="Name or id"
            value={filter.query}
            onChange={(event) => onChange({ ...filter, query: event.target.value })}
          />
        )}
      </Field>
      <Field label="Kind">
        {(id) => (
          <select
            id={id}
            value={filter.kind}
            onChange={(event) => onChange({ ...filter, kind: event.target.value as DeviceKind | "" })}
          >
            <option value="">All kinds</option>
            {Object.entries(KIND_LABEL).map(([kind, label]) => (
              <option key={kind} value={kind}>
                {label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Status">
        {(id) => (
          <select
            id={id}
            value={filter.status}
            onChange={(event) => onChange({ ...filter, status: event.target.value as StatusFilter })}
          >
            {Object.entries(STATUS_LABEL).map(([status, label]) => (
              <option key={status} value={status}>
                {label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Sort by">
        {(id) => (
          <select
            id={id}
            value={filter.sort}
            onChange={(event) => onChange({ ...filter, sort: event.target.value as SortKey })}
          >
            {Object.entries(SORT_LABEL).map(([sort, label]) => (
              <option key={sort} value={sort}>
                {label}
              </option>
            ))}
          </select>
        )}
      </Field>
    </search>
  );
}
