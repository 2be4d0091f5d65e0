import { useShallow } from "zustand/react/shallow";
import { getDashboard } from "../../store/dashboardInstance";
import type { ConnectionStatus } from "../../store/dashboardTypes";
import { useDashboard } from "../../store/useDashboard";
import { usePermission } from "../access/usePermission";
import { CommandForm } from "./CommandForm";
import { CommandTimeline } from "./CommandTimeline";
import { DesiredVsReported } from "./DesiredVsReported";
import "./commands.css";
import { t } from "../../i18n/i18n";

/** Why controls are disabled, in words, or undefined when commands can be sent. */
export function controlsDisabledReason(
  connection: ConnectionStatus,
  online: boolean,
  /** Why the role may not send commands (usePermission), first: it outlasts any reconnect. */
  denied?: string,
): string | undefined {
  if (denied) return denied;
  if (connection === "unauthorized") return t("controls.unauthorized");
  if (connection === "incompatible") return t("controls.incompatible");
  if (connection !== "live") return t("controls.disconnected");
  if (!online) return t("controls.deviceOffline");
  return undefined;
}

/** Controls generated from the device's declared commands, its setpoints and its command history. */
export function CommandPanel({ deviceId }: { deviceId: string }) {
  const info = useDashboard((s) => s.devices[deviceId]?.info);
  const state = useDashboard((s) => s.devices[deviceId]?.state);
  const online = useDashboard((s) => s.devices[deviceId]?.online ?? false);
  const connection = useDashboard((s) => s.connection.status);
  const denied = usePermission("command");
  const entries = useDashboard(
    useShallow((s) =>
      s.commandOrder
        .map((id) => s.commands[id])
        .filter((entry) => entry?.device === deviceId)
        .reverse(),
    ),
  );
  if (!info || !state) return null;
  const reason = controlsDisabledReason(connection, online, denied);
  return (
    <section className="panel command-panel" aria-labelledby="controls-title">
      <h2 id="controls-title">{t("controls.title")}</h2>
      <DesiredVsReported info={info} state={state} online={online} />
      {reason && (
        <p className="controls-disabled" id="controls-reason">
          {reason}
        </p>
      )}
      {info.commands.length === 0 ? (
        <p className="muted">{t("controls.noCommands")}</p>
      ) : (
        <div className="command-forms">
          {info.commands.map((command) => (
            <CommandForm
              key={command.name}
              deviceName={info.name}
              command={command}
              state={state}
              disabledReason={reason}
              onSend={(args) => {
                const result = getDashboard().sendCommand(deviceId, command.name, args);
                return result.ok ? null : result.errors;
              }}
            />
          ))}
        </div>
      )}
      <h3 className="timeline-title">{t("controls.history")}</h3>
      <CommandTimeline
        deviceId={deviceId}
        entries={entries.filter((entry) => entry !== undefined)}
        commands={info.commands}
      />
    </section>
  );
}
