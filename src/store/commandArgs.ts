/** Checks command arguments against a device's declared schema before they go on the wire. */
import { t } from "../i18n/i18n";
import type { CommandArgs, CommandInfo, DeviceInfo } from "../protocol/messages";

/** One message per field that is wrong; the key "" is for the command itself. */
export type FieldErrors = Record<string, string>;

function checkValue(
  schema: CommandInfo["args"][string],
  value: CommandArgs[string] | undefined,
): string | undefined {
  if (value === undefined) return t("commandCheck.required");
  switch (schema.type) {
    case "number":
      if (typeof value !== "number" || !Number.isFinite(value)) return t("commandCheck.number");
      if (schema.min !== undefined && value < schema.min)
        return t("commandCheck.atLeast", { min: schema.min });
      if (schema.max !== undefined && value > schema.max)
        return t("commandCheck.atMost", { max: schema.max });
      return undefined;
    case "boolean":
      return typeof value === "boolean" ? undefined : t("commandCheck.boolean");
    case "enum":
      return typeof value === "string" && schema.values.includes(value)
        ? undefined
        : t("commandCheck.oneOf", { values: schema.values.join(", ") });
  }
}

/** Returns the field errors of `args` for command `name` of `device`, or null when valid. */
export function validateCommandArgs(
  device: DeviceInfo | undefined,
  name: string,
  args: CommandArgs = {},
): FieldErrors | null {
  if (!device) return { "": t("commandCheck.unknownDevice") };
  const command = device.commands.find((c) => c.name === name);
  if (!command) return { "": t("commandCheck.noCommand", { device: device.name, command: name }) };
  const errors: FieldErrors = {};
  for (const [field, schema] of Object.entries(command.args)) {
    const message = checkValue(schema, args[field]);
    if (message) errors[field] = message;
  }
  for (const field of Object.keys(args)) {
    if (!Object.hasOwn(command.args, field))
      errors[field] = t("commandCheck.notArgument", { command: command.label });
  }
  return Object.keys(errors).length > 0 ? errors : null;
}
