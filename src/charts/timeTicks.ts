/**
 * Time-axis ticks on round clock times (every 10 s, 1 min, 5 min, ...), chosen for the plot's
 * width. recharts' own ticks for a sliding live window fall on arbitrary times (`14:04:37`), so
 * every label was new at every redraw and measured through the DOM to apply `minTickGap`
 * (`getBoundingClientRect`, a forced layout per label: ~0.25 s a minute for one device view).
 * Ticks given here are spaced for their labels already, so the axis shows them all unmeasured
 * (`interval={0}`), and a label keeps its text as it slides, as in Grafana.
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Steps a tick may fall on, shortest first. */
const STEPS = [
  SECOND,
  2 * SECOND,
  5 * SECOND,
  10 * SECOND,
  15 * SECOND,
  30 * SECOND,
  MINUTE,
  2 * MINUTE,
  5 * MINUTE,
  10 * MINUTE,
  15 * MINUTE,
  30 * MINUTE,
  HOUR,
  2 * HOUR,
  3 * HOUR,
  6 * HOUR,
  12 * HOUR,
  DAY,
  2 * DAY,
  7 * DAY,
] as const;

/** Pixels from one tick to the next, at least: a `14:03:07` label at 12 px is ~52 px wide. */
export const MIN_TICK_SPACING_PX = 96;

export interface TimeTicks {
  ticks: number[];
  stepMs: number;
}

/** The local time zone's offset from UTC at `t` (ms; east positive). */
function zoneOffset(t: number): number {
  return -new Date(t).getTimezoneOffset() * MINUTE;
}

/**
 * Round local times in [from, to], no closer than `spacingPx` on a plot `widthPx` wide. Steps of
 * an hour and more fall on whole local hours (a zone at +05:30 gets 00:00, 06:00, ...), days on
 * local midnight.
 */
export function timeTicks(
  from: number,
  to: number,
  widthPx: number,
  spacingPx = MIN_TICK_SPACING_PX,
): TimeTicks {
  const span = to - from;
  if (!(span > 0) || !Number.isFinite(span) || !(widthPx > 0)) return { ticks: [], stepMs: 0 };
  const wanted = (span * spacingPx) / widthPx;
  const stepMs = STEPS.find((step) => step >= wanted) ?? Math.ceil(wanted / (7 * DAY)) * 7 * DAY;
  const ticks: number[] = [];
  if (stepMs >= DAY) {
    const days = Math.round(stepMs / DAY);
    const d = new Date(from);
    d.setHours(0, 0, 0, 0);
    // Days counted from the epoch's local date, so a 2-day step keeps its parity as time goes on;
    // weeks start on Monday (1970-01-01 was a Thursday: day 4 was a Monday).
    const shift = days === 7 ? 3 : 0;
    while ((localDay(d.getTime()) + shift) % days !== 0 || d.getTime() < from) d.setDate(d.getDate() + 1);
    for (; d.getTime() <= to; d.setDate(d.getDate() + days)) ticks.push(d.getTime());
    return { ticks, stepMs };
  }
  const offset = stepMs >= HOUR ? zoneOffset(from) : 0;
  for (let t = Math.ceil((from + offset) / stepMs) * stepMs - offset; t <= to; t += stepMs) ticks.push(t);
  return { ticks, stepMs };
}

/** Whole local days since 1970-01-01 (local). */
function localDay(t: number): number {
  return Math.round((t + zoneOffset(t)) / DAY);
}
