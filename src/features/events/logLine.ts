/**
 * A logbook line in the reader's words: the server sends each line's `code` and `params` (v1.6)
 * beside its English `text`; the catalogue's `log.<code>` message is filled with the params, the
 * device's own words translated where the catalogue knows them (kind, metric, command, error
 * code). A line without a code (written before v1.6), or with a code this dashboard does not know,
 * shows the server's text.
 */

import { fieldLabel, valueLabel } from "../../i18n/deviceText";
import { errorText } from "../../i18n/errors";
import { formatNumber } from "../../i18n/format";
import { hasMessage, type MessageValues, t } from "../../i18n/i18n";
import type { LogEntry } from "../../protocol/messages";
import { kindLabel } from "../../ui/KindIcon";

/** "850 ms", "42 s", "20 min", "3 h 5 min", "2 d 4 h", in the reader's units. */
export function spanText(ms: number): string {
  if (ms < 1000) return t("log.spanMs", { n: formatNumber(Math.round(ms)) });
  const s = Math.round(ms / 1000);
  if (s < 60) return t("log.spanS", { n: s });
  const min = Math.floor(s / 60);
  if (min < 60) return t("log.spanMin", { min, s: s % 60 });
  const h = Math.floor(min / 60);
  if (h < 24) return t("log.spanH", { h, min: min % 60 });
  return t("log.spanD", { d: Math.floor(h / 24), h: h % 24 });
}

/** The catalogue's word for `prefix.<value>`, or the value as the server wrote it. */
function known(prefix: string, value: string | number | undefined): string {
  const id = `${prefix}.${value}`;
  return hasMessage(id) ? t(id) : String(value ?? "");
}

function shown(value: unknown): string {
  return typeof value === "string" ? valueLabel(value) : JSON.stringify(value);
}

/** A state change's list ("mode: eco → comfort, target: 20 → 22"), or undefined without one. */
function changesText(detail: LogEntry["detail"]): string | undefined {
  const changes = detail?.changes;
  if (!Array.isArray(changes)) return undefined;
  return changes
    .map((c: { key?: unknown; from?: unknown; to?: unknown }) =>
      t("log.change", { field: fieldLabel(String(c.key)), from: shown(c.from), to: shown(c.to) }),
    )
    .join(t("log.changeSeparator"));
}

/** What a logbook line says, in the active language (the server's English without a known code). */
export function logLineText(entry: LogEntry): string {
  const id = entry.code ? `log.${entry.code}` : "";
  if (!id || !hasMessage(id)) return entry.text;
  const p = entry.params ?? {};
  const values: MessageValues = { ...p };
  if (p.kind !== undefined) values.kind = kindLabel(String(p.kind));
  if (p.metric !== undefined) values.metric = known("metric", p.metric);
  if (p.command !== undefined) values.command = known("command", p.command);
  if (p.error !== undefined) values.error = errorText(String(p.error), String(p.error));
  if (typeof p.value === "number") values.value = formatNumber(p.value, { maximumFractionDigits: 2 });
  if (typeof p.ms === "number") values.span = spanText(p.ms);
  if (entry.code === "state_changed") {
    const changes = changesText(entry.detail);
    if (changes === undefined) return entry.text;
    values.changes = changes;
  }
  return t(id, values);
}
