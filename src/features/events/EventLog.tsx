import { useState } from "react";
import { formatClock } from "../../charts/format";
import type { DashboardEvent, EventKind } from "../../store/dashboardTypes";
import { useDashboard } from "../../store/useDashboard";
import { StatusIcon } from "../../ui/StatusIcon";
import "./events.css";
import { type MessageId, t } from "../../i18n/i18n";
import { Field } from "../../ui/Field";

const KINDS: { value: EventKind | ""; label: MessageId }[] = [
  { value: "", label: "events.kindAll" },
  { value: "connection", label: "events.kindConnection" },
  { value: "device", label: "events.kindDevice" },
  { value: "alert", label: "events.typesAlerts" },
  { value: "command", label: "events.typesCommands" },
];
const TONE = { info: "neutral", warning: "warn", error: "danger" } as const;
const LEVEL_TEXT = {
  info: "events.levelInfo",
  warning: "events.levelWarning",
  error: "events.levelError",
} as const satisfies Record<string, MessageId>;

/** Filters events by kind and (optionally) device; newest first. Pure, for tests and the log. */
export function selectEvents(
  events: readonly DashboardEvent[],
  kind: EventKind | "",
  device?: string,
): DashboardEvent[] {
  const result: DashboardEvent[] = [];
  for (let i = events.length - 1; i >= 0; i--) {
    const event = events[i] as DashboardEvent;
    if ((kind === "" || event.kind === kind) && (device === undefined || event.device === device))
      result.push(event);
  }
  return result;
}

export interface EventLogProps {
  /** Only this device's events (the device view); all when undefined. */
  device?: string;
  title?: string;
  /** Longest list shown. */
  limit?: number;
  /** Heading level: 3 inside another panel (the device's events). */
  level?: 2 | 3;
}

/** The event log: connection changes, devices on/offline, alerts, command outcomes. */
export function EventLog({ device, title = t("events.log"), limit = 200, level = 2 }: EventLogProps) {
  const events = useDashboard((s) => s.events);
  const [kind, setKind] = useState<EventKind | "">("");
  const shown = selectEvents(events, kind, device).slice(0, limit);
  const headingId = device ? "device-tab-events-title" : "events-title";
  const Heading = level === 3 ? "h3" : "h2";
  return (
    <section className={level === 3 ? "event-log" : "panel event-log"} aria-labelledby={headingId}>
      <header className="event-log-head">
        <Heading id={headingId}>{title}</Heading>
        <Field label={t("events.show")} className="event-filter">
          {(id) => (
            <select id={id} value={kind} onChange={(event) => setKind(event.target.value as EventKind | "")}>
              {KINDS.map((option) => (
                <option key={option.value} value={option.value}>
                  {t(option.label)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </header>
      {shown.length === 0 ? (
        <p className="muted">{t("events.none")}</p>
      ) : (
        <ol className="event-list">
          {shown.map((event) => (
            <li key={event.id} className={`event-item level-${event.level}`}>
              <span className={`badge tone-${TONE[event.level]}`}>
                <StatusIcon tone={TONE[event.level]} />
                {t(LEVEL_TEXT[event.level])}
              </span>
              <time className="muted" dateTime={new Date(event.at).toISOString()}>
                {formatClock(event.at)}
              </time>
              <span className="event-message">{event.message}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
