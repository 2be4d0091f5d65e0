import { formatClock } from "../../charts/format";
import { formatDate } from "../../i18n/format";
import { t } from "../../i18n/i18n";
import type { LogEntry, LogEntryType } from "../../protocol/messages";
import { deviceHref } from "../../ui/links";
import { StatusIcon } from "../../ui/StatusIcon";
import { TYPE_LABELS } from "./logbookQuery";
import { logLineText } from "./logLine";

type Tone = "ok" | "warn" | "danger" | "neutral";
const TONES: Partial<Record<LogEntryType, Tone>> = {
  online: "ok",
  broker_regained: "ok",
  offline: "danger",
  broker_lost: "danger",
  stale: "warn",
  alert: "warn",
};

/** A line's date and time: the clock only when it is today. */
export function dateTime(at: number): string {
  const date = new Date(at);
  const today = new Date().toDateString() === date.toDateString();
  return today ? formatClock(at) : `${formatDate(at)} ${formatClock(at)}`;
}

/** Logbook lines, newest first: time, what kind of line, the device, what happened. */
export function LogbookList({ entries, showDevice }: { entries: readonly LogEntry[]; showDevice: boolean }) {
  return (
    <ol className="event-list logbook-list">
      {entries.map((entry) => {
        const tone = TONES[entry.type] ?? "neutral";
        return (
          <li key={entry.id} className="event-item logbook-item">
            <span className={`badge tone-${tone}`}>
              <StatusIcon tone={tone} />
              {TYPE_LABELS[entry.type] ? t(TYPE_LABELS[entry.type]) : entry.type}
            </span>
            <time className="muted" dateTime={new Date(entry.at).toISOString()}>
              {dateTime(entry.at)}
            </time>
            <span className="event-message">
              {showDevice && entry.device && (
                <a href={deviceHref(entry.device)} className="logbook-device">
                  {entry.device}
                </a>
              )}{" "}
              {logLineText(entry)}
            </span>
          </li>
        );
      })}
    </ol>
  );
}
