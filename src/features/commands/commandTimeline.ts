/**
 * The device's command timeline: every command the server logged for it, by anyone (the
 * logbook's `command` lines: who sent it and the outcome), with this browser's own commands on
 * top while they are in flight. This browser's command takes the place of the server's line for
 * it (same outcome, plus its arguments and error message), and stays when the server logs none
 * (refused before it ran: forbidden, timed out here). Pure, no React.
 */
import { t } from "../../i18n/i18n";
import type { LogEntry } from "../../protocol/messages";
import type { CommandEntry, CommandStatus } from "../../store/dashboardTypes";

export type TimelineRow =
  | {
      kind: "server";
      key: string;
      /** Epoch ms, server clock. */
      at: number;
      command: string;
      by: string;
      ok: boolean;
      /** The server's error code when it failed. */
      error?: string;
    }
  /** One of this browser's commands; `by` once the server's line for it named the sender. */
  | { kind: "local"; key: string; at: number; entry: CommandEntry; by?: string };

/** How far the server's line may precede the local send time (clock estimate error), ms. */
const EARLY_MS = 2000;

function serverRow(line: LogEntry): TimelineRow | undefined {
  const detail = line.detail ?? {};
  if (line.type !== "command" || typeof detail.command !== "string") return undefined;
  return {
    kind: "server",
    key: line.id,
    at: line.at,
    command: detail.command,
    by: typeof detail.by === "string" ? detail.by : t("controls.someone"),
    ok: detail.ok === true,
    ...(typeof detail.error === "string" ? { error: detail.error } : {}),
  };
}

const IN_FLIGHT: readonly CommandStatus[] = ["sending", "pending"];

/**
 * Rows newest first. `lines`: the logbook's command lines for the device (any order); `local`:
 * this browser's commands for it; `me`: who this browser acts as; `offsetMs`: server minus local clock.
 */
export function timelineRows(
  lines: readonly LogEntry[],
  local: readonly CommandEntry[],
  me: string | undefined,
  offsetMs: number,
): TimelineRow[] {
  const servers = lines
    .map(serverRow)
    .filter((row) => row !== undefined)
    .sort((a, b) => a.at - b.at);
  const claimed = new Set<string>();
  const rows: TimelineRow[] = [];
  const oldestFirst = [...local].sort((a, b) => a.createdAt - b.createdAt);
  for (const entry of oldestFirst) {
    const sentAt = entry.createdAt + offsetMs;
    if (IN_FLIGHT.includes(entry.status)) {
      rows.push({ kind: "local", key: entry.id, at: sentAt, entry });
      continue;
    }
    const match = servers.find(
      (row) =>
        row.kind === "server" &&
        !claimed.has(row.key) &&
        row.command === entry.name &&
        (me === undefined || row.by === me) &&
        row.at >= sentAt - EARLY_MS,
    );
    if (match?.kind === "server") claimed.add(match.key);
    rows.push({
      kind: "local",
      key: entry.id,
      at: sentAt,
      entry,
      ...(match?.kind === "server" ? { by: match.by } : {}),
    });
  }
  for (const row of servers) if (!claimed.has(row.key)) rows.push(row);
  return rows.sort((a, b) => b.at - a.at);
}
