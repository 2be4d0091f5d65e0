/** Pure helpers for command forms generated from a device's declared argument schema. */

import { fieldLabel, unitLabel, valueLabel } from "../../i18n/deviceText";
import { t } from "../../i18n/i18n";
import type { CommandArgSchema, CommandArgs, CommandInfo, DeviceState } from "../../protocol/messages";

/**
 * Starting value of each argument: the device's current state when it has a field of the same
 * name and type (so "target" starts at the current target), else the schema's lowest choice.
 */
export function initialArgs(command: CommandInfo, state: DeviceState): CommandArgs {
  const args: CommandArgs = {};
  for (const [name, schema] of Object.entries(command.args)) {
    const current = state[name] ?? state[stateKeyFor(name, state)];
    if (schema.type === "number") {
      args[name] = typeof current === "number" ? current : (schema.min ?? 0);
    } else if (schema.type === "boolean") {
      args[name] = typeof current === "boolean" ? current : false;
    } else {
      args[name] =
        typeof current === "string" && schema.values.includes(current) ? current : (schema.values[0] ?? "");
    }
  }
  return args;
}

/** A state field named like the argument: `target` also matches `climateTarget`, if only one does. */
function stateKeyFor(arg: string, state: DeviceState): string {
  const matches = Object.keys(state).filter((key) => key.toLowerCase().endsWith(arg.toLowerCase()));
  return matches.length === 1 ? (matches[0] as string) : arg;
}

/** Step for a number input: the declared step, or one suited to the range. */
export function numberStep(schema: Extract<CommandArgSchema, { type: "number" }>): number {
  if (schema.step !== undefined) return schema.step;
  if (schema.min !== undefined && schema.max !== undefined) return schema.max - schema.min > 100 ? 1 : 0.5;
  return 1;
}

/** Field error for one argument, or undefined when it fits the schema. */
export function argError(
  schema: CommandArgSchema,
  value: number | boolean | string | undefined,
): string | undefined {
  if (schema.type === "number") {
    if (typeof value !== "number" || !Number.isFinite(value)) return t("controls.enterNumber");
    if (schema.min !== undefined && value < schema.min)
      return t("controls.atLeast", { limit: withUnit(schema.min, schema) });
    if (schema.max !== undefined && value > schema.max)
      return t("controls.atMost", { limit: withUnit(schema.max, schema) });
    return undefined;
  }
  if (schema.type === "boolean") return typeof value === "boolean" ? undefined : t("controls.chooseOnOff");
  return typeof value === "string" && schema.values.includes(value) ? undefined : t("controls.chooseOption");
}

function withUnit(limit: number, schema: { unit?: string }): string {
  return schema.unit ? `${limit} ${unitLabel(schema.unit)}` : String(limit);
}

/** "target 22 °C, mode heat" for the timeline. */
export function describeArgs(command: CommandInfo | undefined, args: CommandArgs): string {
  return Object.entries(args)
    .map(([name, value]) => {
      const schema = command?.args[name];
      const unit = schema?.type === "number" && schema.unit ? ` ${schema.unit}` : "";
      const text =
        typeof value === "boolean"
          ? valueLabel(value ? "on" : "off")
          : typeof value === "string"
            ? valueLabel(value)
            : `${value}${unit}`;
      return `${fieldLabel(name)} ${text}`;
    })
    .join(", ");
}
