import { t } from "../../i18n/i18n";
import { DEVICE_KINDS } from "../../protocol/constants";
import { Field } from "../../ui/Field";
import { kindLabel } from "../../ui/KindIcon";
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
      <legend className="visually-hidden">{t("alertsPage.filterLegend")}</legend>
      <Field label={t("alertsPage.severity")}>
        {(id) => (
          <select
            id={id}
            value={filter.severity}
            onChange={(e) => set({ severity: e.target.value as AlertFilter["severity"] })}
          >
            <option value="">{t("alertsPage.allSeverities")}</option>
            {SEVERITIES.map((severity) => (
              <option key={severity} value={severity}>
                {t(`severity.${severity}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t("overview.kind")}>
        {(id) => (
          <select
            id={id}
            value={filter.kind}
            onChange={(e) => set({ kind: e.target.value as AlertFilter["kind"] })}
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
      <Field label={t("alertsPage.device")}>
        {(id) => (
          <select id={id} value={filter.device} onChange={(e) => set({ device: e.target.value })}>
            <option value="">{t("alertsPage.allDevices")}</option>
            {devices.map((device) => (
              <option key={device.id} value={device.id}>
                {device.name} ({device.id})
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t("alertsPage.state")}>
        {(id) => (
          <select
            id={id}
            value={filter.state}
            onChange={(e) => set({ state: e.target.value as AlertFilter["state"] })}
          >
            <option value="">{t("alertsPage.allActive")}</option>
            {ACTIVE_STATES.map((state) => (
              <option key={state} value={state}>
                {t(SHOWN_STATE_TEXT[state])}
              </option>
            ))}
          </select>
        )}
      </Field>
    </fieldset>
  );
}
