/** Number and time formatting shared by charts, tiles and cards. */

/** Formats a metric value with a precision that suits its magnitude, or an em dash when absent. */
export function formatValue(value: number | null | undefined, unit?: string): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  const abs = Math.abs(value);
  const digits = abs >= 10000 ? 0 : abs >= 10 ? 1 : 2;
  const text = value.toLocaleString("en-US", {
    minimumFractionDigits: 0,
    maximumFractionDigits: digits,
    useGrouping: abs >= 10000,
  });
  return unit ? `${text} ${unit}` : text;
}

/** Axis tick label with just enough decimals to tell ticks `step` apart. */
export function formatTick(value: number, step: number): string {
  const digits =
    step > 0 && Number.isFinite(step) ? Math.min(4, Math.max(0, Math.ceil(-Math.log10(step)))) : 1;
  return value.toFixed(digits);
}

/** Local wall-clock time with seconds, e.g. `14:03:07`. */
export function formatClock(epochMs: number): string {
  return new Date(epochMs).toLocaleTimeString("en-GB", { hour12: false });
}

/** `12 s ago`, `3 min ago`, `2 h ago`. */
export function formatAgo(epochMs: number, now: number): string {
  const seconds = Math.max(0, Math.round((now - epochMs) / 1000));
  if (seconds < 60) return `${seconds} s ago`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  return `${Math.round(minutes / 60)} h ago`;
}

/** `1.2 s`, `350 ms`. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return "—";
  return ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
}
