/** Checks command arguments against a device's declared schema before they go on the wire. */
import type { CommandArgs, CommandInfo, DeviceInfo } from "../protocol/messages";

/** One message per field that is wrong; the key "" is for the command itself. */
export type FieldErrors = Record<string, string>;

function checkValue(
  schema: CommandInfo["args"][string],
  value: CommandArgs[string] | undefined,
): string | undefined {
  if (value === undefined) return "is required";
  switch (schema.type) {
    case "number":
      if (typeof value !== "number" || !Number.isFinite(value)) return "must be a number";
      if (schema.min !== undefined && value < schema.min) return `must be at least ${schema.min}`;
      if (schema.max !== undefined && value > schema.max) return `must be at most ${schema.max}`;
      return undefined;
    case "boolean":
      return typeof value === "boolean" ? undefined : "must be true or false";
    case "enum":
      return typeof value === "string" && schema.values.includes(value)
        ? undefined
        : `must be one of ${schema.values.join(", ")}`;
  }
}

/** Returns the field errors of `args` for command `name` of `device`, or null when valid. */
export function validateCommandArgs(
  device: DeviceInfo | undefined,
  name: string,
  args: CommandArgs = {},
): FieldErrors | null {
  if (!device) return { "": "unknown device" };
  const command = device.commands.find((c) => c.name === name);
  if (!command) return { "": `${device.name} has no command "${name}"` };
  const errors: FieldErrors = {};
  for (const [field, schema] of Object.entries(command.args)) {
    const message = checkValue(schema, args[field]);
    if (message) errors[field] = message;
  }
  for (const field of Object.keys(args)) {
    if (!Object.hasOwn(command.args, field)) errors[field] = `is not an argument of ${command.label}`;
  }
  return Object.keys(errors).length > 0 ? errors : null;
}
