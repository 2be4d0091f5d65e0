import { unitLabel } from "../i18n/deviceText";
import { formatTimeOfDay, numberFormat } from "../i18n/format";
import { t } from "../i18n/i18n";

/** Number and time formatting shared by charts, tiles and cards. */

// Formatters are built once per locale (numberFormat caches them): toLocaleString builds a new one
// per call, which dominated chart renders (recharts formats every candidate tick).
const GROUPED: Intl.NumberFormatOptions = { maximumFractionDigits: 0 };
const ONE_DECIMAL: Intl.NumberFormatOptions = { maximumFractionDigits: 1, useGrouping: false };
const TWO_DECIMALS: Intl.NumberFormatOptions = { maximumFractionDigits: 2, useGrouping: false };

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** Formats a metric value with a precision that suits its magnitude, or an em dash when absent. */
export function formatValue(value: number | null | undefined, unit?: string): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  const abs = Math.abs(value);
  const format = abs >= 10000 ? GROUPED : abs >= 10 ? ONE_DECIMAL : TWO_DECIMALS;
  const text = numberFormat(format).format(value);
  return unit ? `${text} ${unitLabel(unit)}` : text;
}

/**
 * An alert threshold as the operator typed it (up to 4 decimals, no grouping), e.g. `20.05 °C`:
 * unlike a measured value, rounding it would put the line somewhere else than its label says.
 */
export function formatLimit(value: number, unit?: string): string {
  const text = String(Math.round(value * 10_000) / 10_000);
  return unit ? `${text} ${unit}` : text;
}

/** Axis tick label with just enough decimals to tell ticks `step` apart. */
export function formatTick(value: number, step: number): string {
  const digits =
    step > 0 && Number.isFinite(step) ? Math.min(4, Math.max(0, Math.ceil(-Math.log10(step)))) : 1;
  return value.toFixed(digits);
}

/** Local wall-clock time with seconds, e.g. `14:03:07` (24-hour, in the active locale). */
export function formatClock(epochMs: number): string {
  return formatTimeOfDay(epochMs);
}

/**
 * A tick of a time axis whose ticks are `stepMs` apart over `spanMs` (see timeTicks): seconds only
 * when ticks are less than a minute apart, the date when the axis spans more than a day.
 */
export function formatStepTick(epochMs: number, stepMs: number, spanMs: number): string {
  if (stepMs < 60_000) return formatClock(epochMs);
  const d = new Date(epochMs);
  const time = `${pad2(d.getHours())}:${pad2(d.getMinutes())}`;
  if (spanMs <= 86_400_000) return time;
  const date = `${pad2(d.getMonth() + 1)}-${pad2(d.getDate())}`;
  return stepMs >= 86_400_000 ? date : `${date} ${time}`;
}

/** A date and time to the minute, e.g. `2026-11-29 14:03`, for ranges longer than a day. */
export function formatMoment(epochMs: number): string {
  const d = new Date(epochMs);
  return `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())} ${pad2(d.getHours())}:${pad2(d.getMinutes())}`;
}

/** `12 s ago`, `3 min ago`, `2 h ago`. */
export function formatAgo(epochMs: number, now: number): string {
  const seconds = Math.max(0, Math.round((now - epochMs) / 1000));
  if (seconds < 60) return t("time.secondsAgo", { n: seconds });
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return t("time.minutesAgo", { n: minutes });
  return t("time.hoursAgo", { n: Math.round(minutes / 60) });
}

/** `1.2 s`, `350 ms`. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return "—";
  return ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
}
