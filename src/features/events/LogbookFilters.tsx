import { type MessageId, t } from "../../i18n/i18n";
import { DEVICE_KINDS } from "../../protocol/constants";
import type { LogEntryType } from "../../protocol/messages";
import { useDashboard } from "../../store/useDashboard";
import { Field } from "../../ui/Field";
import { kindLabel } from "../../ui/KindIcon";
import type { LogQuery } from "./logbookQuery";

/** Type filters as people think of them; each asks for a few line types. */
export const TYPE_GROUPS: { label: MessageId; types: LogEntryType[] }[] = [
  { label: "events.typesAll", types: [] },
  { label: "events.typesStatus", types: ["online", "offline", "stale"] },
  { label: "events.typesState", types: ["state"] },
  { label: "events.typesCommands", types: ["command"] },
  { label: "events.typesAlerts", types: ["alert"] },
  { label: "events.typesDevices", types: ["device_joined", "device_retired"] },
  { label: "events.typesServer", types: ["server_started", "broker_lost", "broker_regained"] },
];

const RANGES: { label: MessageId; ms: number }[] = [
  { label: "events.allKept", ms: 0 },
  { label: "alertsPage.lastHour", ms: 3_600_000 },
  { label: "alertsPage.last24h", ms: 86_400_000 },
  { label: "alertsPage.last7d", ms: 7 * 86_400_000 },
  { label: "alertsPage.last30d", ms: 30 * 86_400_000 },
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
      <Field label={t("events.type")}>
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
                {t(option.label)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <DeviceField value={query.device} onChange={(device) => onChange({ ...query, device })} />
      <Field label={t("overview.kind")}>
        {(id) => (
          <select
            id={id}
            value={query.kind}
            onChange={(event) => onChange({ ...query, kind: event.target.value })}
          >
            <option value="">{t("overview.allKinds")}</option>
            {DEVICE_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {kindLabel(kind)}
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
    <Field label={t("alertsPage.device")}>
      {(id) => (
        <select id={id} value={value} onChange={(event) => onChange(event.target.value)}>
          <option value="">{t("alertsPage.allDevices")}</option>
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
    <Field label={t("events.time")}>
      {(id) => (
        <select id={id} value={value} onChange={(event) => onChange(Number(event.target.value))}>
          {RANGES.map((range) => (
            <option key={range.ms} value={range.ms}>
              {t(range.label)}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
