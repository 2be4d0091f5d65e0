import { useShallow } from "zustand/react/shallow";
import { getDashboard } from "../../store/dashboardInstance";
import type { ConnectionStatus } from "../../store/dashboardTypes";
import { useDashboard } from "../../store/useDashboard";
import { usePermission } from "../access/usePermission";
import { CommandForm } from "./CommandForm";
import { CommandTimeline } from "./CommandTimeline";
import { DesiredVsReported } from "./DesiredVsReported";
import "./commands.css";

/** Why controls are disabled, in words, or undefined when commands can be sent. */
export function controlsDisabledReason(
  connection: ConnectionStatus,
  online: boolean,
  /** Why the role may not send commands (usePermission), first: it outlasts any reconnect. */
  denied?: string,
): string | undefined {
  if (denied) return denied;
  if (connection === "unauthorized")
    return "Not authorized: enter the server's access token to send commands.";
  if (connection === "incompatible")
    return "The server speaks another protocol version; commands are disabled.";
  if (connection !== "live")
    return "Disconnected from the server: controls come back when the connection is live.";
  if (!online) return "The device is offline: it cannot receive commands until it comes back.";
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
      <h2 id="controls-title">Controls</h2>
      <DesiredVsReported info={info} state={state} online={online} />
      {reason && (
        <p className="controls-disabled" id="controls-reason">
          {reason}
        </p>
      )}
      {info.commands.length === 0 ? (
        <p className="muted">This device declares no commands.</p>
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
      <h3 className="timeline-title">Command history</h3>
      <CommandTimeline
        deviceId={deviceId}
        entries={entries.filter((entry) => entry !== undefined)}
        commands={info.commands}
      />
    </section>
  );
}
