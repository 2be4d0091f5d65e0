import { useMemo } from "react";
import { formatClock } from "../../charts/format";
import { commandLabel } from "../../i18n/deviceText";
import { errorText } from "../../i18n/errors";
import { type MessageId, t } from "../../i18n/i18n";
import type { CommandInfo } from "../../protocol/messages";
import type { CommandEntry, CommandStatus } from "../../store/dashboardTypes";
import { useDashboard } from "../../store/useDashboard";
import { StatusIcon } from "../../ui/StatusIcon";
import { EMPTY_QUERY } from "../events/logbookQuery";
import { PagedListMore } from "../events/PagedListStatus";
import { useLogbook } from "../events/useLogbook";
import { describeArgs } from "./commandForm";
import { type TimelineRow, timelineRows } from "./commandTimeline";

type Tone = "ok" | "warn" | "danger" | "neutral";
const STATUS: Record<CommandStatus, { text: MessageId; tone: Tone }> = {
  sending: { text: "commandStatus.sending", tone: "neutral" },
  pending: { text: "commandStatus.pending", tone: "warn" },
  succeeded: { text: "commandStatus.succeeded", tone: "ok" },
  failed: { text: "commandStatus.failed", tone: "danger" },
  timed_out: { text: "commandStatus.timed_out", tone: "danger" },
};

export interface CommandTimelineProps {
  deviceId: string;
  /** This browser's commands to the device. */
  entries: readonly CommandEntry[];
  commands: readonly CommandInfo[];
}

// Live lines never wait behind a "show new" button here: there is no list to read down.
const NO_LIST = { current: null };

/** Every command sent to the device, by anyone, newest first: who sent it, its outcome, when. */
export function CommandTimeline({ deviceId, entries, commands }: CommandTimelineProps) {
  const query = useMemo(
    () => ({ ...EMPTY_QUERY, device: deviceId, types: ["command" as const] }),
    [deviceId],
  );
  const logbook = useLogbook(query, 20, NO_LIST);
  const me = useDashboard((s) => (s.access.status === "granted" ? s.access.access?.user : undefined));
  const offset = useDashboard((s) => s.clockOffsetMs);
  const rows = timelineRows(logbook.entries, entries, me, offset);
  const label = (name: string) => {
    const command = commands.find((c) => c.name === name);
    return command ? commandLabel(command) : name;
  };
  return (
    <>
      {logbook.error && <p className="muted">{t("controls.elsewhereError", { error: logbook.error })}</p>}
      {rows.length === 0 && !logbook.loading && <p className="muted">{t("controls.noneYet")}</p>}
      <ol className="command-timeline" aria-label={t("controls.history")}>
        {rows.map((row) => (
          <li key={row.key} className="timeline-item">
            {row.kind === "server" ? <ServerRow row={row} label={label(row.command)} /> : null}
            {row.kind === "local" ? (
              <LocalRow
                entry={row.entry}
                info={commands.find((c) => c.name === row.entry.name)}
                by={row.by ?? me}
              />
            ) : null}
          </li>
        ))}
      </ol>
      <PagedListMore {...logbook} count={logbook.entries.length} empty="" />
    </>
  );
}

function ServerRow({ row, label }: { row: Extract<TimelineRow, { kind: "server" }>; label: string }) {
  const status = STATUS[row.ok ? "succeeded" : "failed"];
  return (
    <>
      <span className={`badge tone-${status.tone}`}>
        <StatusIcon tone={status.tone} />
        {t(status.text)}
      </span>
      <span className="timeline-what">
        {label} <span className="muted">{t("controls.by", { user: row.by })}</span>
      </span>
      <time className="muted" dateTime={new Date(row.at).toISOString()}>
        {formatClock(row.at)}
      </time>
      {row.error && (
        <p className="error-text timeline-error">{errorText(row.error, row.error.replaceAll("_", " "))}</p>
      )}
    </>
  );
}

function LocalRow({
  entry,
  info,
  by,
}: {
  entry: CommandEntry;
  info: CommandInfo | undefined;
  by: string | undefined;
}) {
  const status = STATUS[entry.status];
  const args = describeArgs(info, entry.args);
  return (
    <>
      <span className={`badge tone-${status.tone}`}>
        <StatusIcon tone={status.tone} />
        {t(status.text)}
      </span>
      <span className="timeline-what">
        {info ? commandLabel(info) : entry.name}
        {args && <span className="muted"> · {args}</span>}{" "}
        <span className="muted">{t("controls.by", { user: by ?? t("controls.thisBrowser") })}</span>
      </span>
      <time className="muted" dateTime={new Date(entry.createdAt).toISOString()}>
        {formatClock(entry.createdAt)}
      </time>
      {entry.attempts > 1 && (
        <span className="muted">{t("controls.sentTimes", { count: entry.attempts })}</span>
      )}
      {entry.error && (
        <p className="error-text timeline-error">
          {errorText(entry.error.code, entry.error.message)}{" "}
          <span className="muted">({entry.error.code})</span>
        </p>
      )}
      {entry.status === "timed_out" && !entry.error && (
        <p className="error-text timeline-error">{t("controls.noAnswer")}</p>
      )}
    </>
  );
}
