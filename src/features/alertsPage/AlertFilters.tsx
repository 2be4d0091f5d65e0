import { DEVICE_KINDS } from "../../protocol/constants";
import { Field } from "../../ui/Field";
import { ACTIVE_STATES, type AlertFilter, SEVERITIES, SHOWN_STATE_TEXT } from "./alertFilter";

interface Props {
  filter: AlertFilter;
  /** Devices to offer: id and name. */
  devices: readonly { id: string; name: string }[];
  onChange(filter: AlertFilter): void;
}

/** Severity, kind, device and state pickers of the Alerts page. */
export function AlertFilters({ filter, devices, onChange }: Props) {
  const set = (patch: Partial<AlertFilter>) => onChange({ ...filter, ...patch });
  return (
    <fieldset className="alerts-toolbar alerts-filter">
      <legend className="visually-hidden">Filter alerts</legend>
      <Field label="Severity">
        {(id) => (
          <select
            id={id}
            value={filter.severity}
            onChange={(e) => set({ severity: e.target.value as AlertFilter["severity"] })}
          >
            <option value="">All severities</option>
            {SEVERITIES.map((severity) => (
              <option key={severity} value={severity}>
                {severity}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Kind">
        {(id) => (
          <select
            id={id}
            value={filter.kind}
            onChange={(e) => set({ kind: e.target.value as AlertFilter["kind"] })}
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
      <Field label="Device">
        {(id) => (
          <select id={id} value={filter.device} onChange={(e) => set({ device: e.target.value })}>
            <option value="">All devices</option>
            {devices.map((device) => (
              <option key={device.id} value={device.id}>
                {device.name} ({device.id})
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="State">
        {(id) => (
          <select
            id={id}
            value={filter.state}
            onChange={(e) => set({ state: e.target.value as AlertFilter["state"] })}
          >
            <option value="">All active</option>
            {ACTIVE_STATES.map((state) => (
              <option key={state} value={state}>
                {SHOWN_STATE_TEXT[state]}
              </option>
            ))}
          </select>
        )}
      </Field>
    </fieldset>
  );
}
