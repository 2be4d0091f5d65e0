import { type FormEvent, useState } from "react";
import { commandLabel } from "../../i18n/deviceText";
import { t } from "../../i18n/i18n";
import type { CommandArgs, CommandInfo, DeviceState } from "../../protocol/messages";
import { ArgField } from "./ArgField";
import { ConfirmDialog } from "./ConfirmDialog";
import { argError, initialArgs } from "./commandForm";

export interface CommandFormProps {
  deviceName: string;
  command: CommandInfo;
  state: DeviceState;
  /** Why the command cannot be sent now, or undefined when it can. */
  disabledReason?: string;
  /** Sends; returns field errors from the core's validation, or null when sent. */
  onSend(args: CommandArgs): Record<string, string> | null;
}

/** A form for one declared command, with confirmation for disruptive ones. */
export function CommandForm({ deviceName, command, state, disabledReason, onSend }: CommandFormProps) {
  const [args, setArgs] = useState<CommandArgs>(() => initialArgs(command, state));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [confirming, setConfirming] = useState(false);
  const label = commandLabel(command);
  const disabled = disabledReason !== undefined;

  const send = () => {
    const result = onSend(args);
    setErrors(result ?? {});
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const local: Record<string, string> = {};
    for (const [name, schema] of Object.entries(command.args)) {
      const error = argError(schema, args[name]);
      if (error) local[name] = error;
    }
    setErrors(local);
    if (Object.keys(local).length > 0) return;
    if (command.confirm) setConfirming(true);
    else send();
  };

  return (
    <form className="command-form" onSubmit={submit} aria-label={label} noValidate>
      <h3 className="command-title">{label}</h3>
      {Object.entries(command.args).map(([name, schema]) => (
        <ArgField
          key={name}
          name={name}
          schema={schema}
          value={args[name]}
          error={errors[name]}
          disabled={disabled}
          onChange={(value) => setArgs((current) => ({ ...current, [name]: value }))}
        />
      ))}
      {errors[""] && <p className="error-text">{errors[""]}</p>}
      <button
        type="submit"
        className={command.confirm ? "btn btn-danger" : "btn btn-primary"}
        disabled={disabled}
      >
        {label}
      </button>
      {confirming && (
        <ConfirmDialog
          title={t("controls.confirmTitle", { command: label })}
          message={t("controls.confirmMessage", { command: label, device: deviceName })}
          confirmLabel={label}
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            send();
          }}
        />
      )}
    </form>
  );
}
