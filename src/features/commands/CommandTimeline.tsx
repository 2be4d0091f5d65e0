import { formatClock } from "../../charts/format";
import type { CommandInfo } from "../../protocol/messages";
import type { CommandEntry, CommandStatus } from "../../store/dashboardTypes";
import { StatusIcon } from "../../ui/StatusIcon";
import { describeArgs } from "./commandForm";

const STATUS: Record<CommandStatus, { text: string; tone: "ok" | "warn" | "danger" | "neutral" }> = {
  sending: { text: "Sending", tone: "neutral" },
  pending: { text: "Pending", tone: "warn" },
  succeeded: { text: "Succeeded", tone: "ok" },
  failed: { text: "Failed", tone: "danger" },
  timed_out: { text: "Timed out", tone: "danger" },
};

export interface CommandTimelineProps {
  entries: readonly CommandEntry[];
  commands: readonly CommandInfo[];
}

/** The device's commands, newest first, each with its state and the server's error message. */
export function CommandTimeline({ entries, commands }: CommandTimelineProps) {
  if (entries.length === 0) return <p className="muted">No commands sent from this browser yet.</p>;
  return (
    <ol className="command-timeline" aria-label="Command history">
      {entries.map((entry) => {
        const info = commands.find((command) => command.name === entry.name);
        const status = STATUS[entry.status];
        const args = describeArgs(info, entry.args);
        return (
          <li key={entry.id} className={`timeline-item status-${entry.status}`}>
            <span className={`badge tone-${status.tone}`}>
              <StatusIcon tone={status.tone} />
              {status.text}
            </span>
            <span className="timeline-what">
              {info?.label ?? entry.name}
              {args && <span className="muted"> · {args}</span>}
            </span>
            <time className="muted" dateTime={new Date(entry.createdAt).toISOString()}>
              {formatClock(entry.createdAt)}
            </time>
            {entry.attempts > 1 && <span className="muted"> · sent {entry.attempts} times</span>}
            {entry.error && (
              <p className="error-text timeline-error">
                {entry.error.message} <span className="muted">({entry.error.code})</span>
              </p>
            )}
            {entry.status === "timed_out" && !entry.error && (
              <p className="error-text timeline-error">No answer from the server before the deadline.</p>
            )}
          </li>
        );
      })}
    </ol>
  );
}
