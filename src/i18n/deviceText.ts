/**
 * Words for what the fleet describes itself: metric and command labels come from the devices, in
 * English, on the wire. The catalogue has words for the ones it knows (`metric.<key>`,
 * `command.<name>`); a device's own label is shown for any other.
 */
import { hasMessage, t } from "./i18n";

/** A metric's label in the reader's language, or the device's own label. */
export function metricLabel(metric: { key: string; label: string }): string {
  const id = `metric.${metric.key}`;
  return hasMessage(id) ? t(id) : metric.label;
}

/** A unit as the reader writes it (`steps` -> `步`); symbols such as `°C` or `km/h` stay. */
export function unitLabel(unit: string): string {
  const id = `unit.${unit}`;
  return hasMessage(id) ? t(id) : unit;
}

/** A command argument's or state field's name in words (`climateTarget` -> `climate target`). */
export function fieldLabel(name: string): string {
  const id = `field.${name}`;
  return hasMessage(id) ? t(id) : name.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
}

/** A state or enum value a device reports (`heat`, `idle`), in words when the catalogue knows it. */
export function valueLabel(value: string): string {
  const id = `value.${value}`;
  return hasMessage(id) ? t(id) : value;
}

/** A command's label in the reader's language, or the device's own label. */
export function commandLabel(command: { name: string; label: string }): string {
  const id = `command.${command.name}`;
  return hasMessage(id) ? t(id) : command.label;
}
