import { DEVICE_KINDS } from "../../protocol/constants";
import type { LogEntryType } from "../../protocol/messages";
import { useDashboard } from "../../store/useDashboard";
import { Field } from "../../ui/Field";
import type { LogQuery } from "./logbookQuery";

/** Type filters as people think of them; each asks for a few line types. */
export const TYPE_GROUPS: { label: string; types: LogEntryType[] }[] = [
  { label: "All types", types: [] },
  { label: "Online, offline, stale", types: ["online", "offline", "stale"] },
  { label: "State changes", types: ["state"] },
  { label: "Commands", types: ["command"] },
  { label: "Alerts", types: ["alert"] },
  { label: "Devices joined or retired", types: ["device_joined", "device_retired"] },
  { label: "Server and broker", types: ["server_started", "broker_lost", "broker_regained"] },
];

const RANGES: { label: string; ms: number }[] = [
  { label: "All kept", ms: 0 },
  { label: "Last hour", ms: 3_600_000 },
  { label: "Last 24 hours", ms: 86_400_000 },
  { label: "Last 7 days", ms: 7 * 86_400_000 },
  { label: "Last 30 days", ms: 30 * 86_400_000 },
];

interface LogbookFiltersProps {
  query: LogQuery;
  onChange(query: LogQuery): void;
}

/** Type, device, kind and time range of the Events page's logbook. */
export function LogbookFilters({ query, onChange }: LogbookFiltersProps) {
  const group = TYPE_GROUPS.findIndex((g) => g.types.join() === query.types.join());
  return (
    <div className="logbook-filters">
      <Field label="Type">
        {(id) => (
          <select
            id={id}
            value={Math.max(0, group)}
            onChange={(event) =>
              onChange({ ...query, types: TYPE_GROUPS[Number(event.target.value)]?.types ?? [] })
            }
          >
            {TYPE_GROUPS.map((option, index) => (
              <option key={option.label} value={index}>
                {option.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <DeviceField value={query.device} onChange={(device) => onChange({ ...query, device })} />
      <Field label="Kind">
        {(id) => (
          <select
            id={id}
            value={query.kind}
            onChange={(event) => onChange({ ...query, kind: event.target.value })}
          >
            <option value="">All kinds</option>
            {DEVICE_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {kind}
              </option>
            ))}
          </select>
        )}
      </Field>
      <SinceField value={query.sinceMs} onChange={(sinceMs) => onChange({ ...query, sinceMs })} />
    </div>
  );
}

interface FilterFieldProps<T> {
  value: T;
  onChange(value: T): void;
}

/** "All devices" or one of the fleet's devices (the Events and Audit pages). */
export function DeviceField({ value, onChange }: FilterFieldProps<string>) {
  const deviceIds = useDashboard((s) => s.deviceIds);
  return (
    <Field label="Device">
      {(id) => (
        <select id={id} value={value} onChange={(event) => onChange(event.target.value)}>
          <option value="">All devices</option>
          {deviceIds.map((device) => (
            <option key={device} value={device}>
              {device}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** How far back, ms (0: all kept). */
export function SinceField({ value, onChange }: FilterFieldProps<number>) {
  return (
    <Field label="Time">
      {(id) => (
        <select id={id} value={value} onChange={(event) => onChange(Number(event.target.value))}>
          {RANGES.map((range) => (
            <option key={range.ms} value={range.ms}>
              {range.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
