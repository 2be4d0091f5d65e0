/** Where "Zoom out" goes from a window or a range. Pure, so the rules are tested on their own. */
import { type TimeRange, type TimeWindow, WINDOW_MS, WINDOWS } from "../../ui/links";

/** The next longer window, or undefined at the longest. */
export function longerWindow(window: TimeWindow): TimeWindow | undefined {
  return WINDOWS[WINDOWS.indexOf(window) + 1];
}

/**
 * Zooming out of a range shows three times its span around the same middle, never past `now`;
 * once that reaches the window's length, or from a window ending now, the next longer window.
 */
export function zoomOut(
  window: TimeWindow,
  range: TimeRange | undefined,
  now: number,
): { window: TimeWindow; range?: TimeRange } | undefined {
  if (!range) {
    const next = longerWindow(window);
    return next ? { window: next } : undefined;
  }
  const span = range.to - range.from;
  const middle = (range.from + range.to) / 2;
  const to = Math.min(now, middle + 1.5 * span);
  const from = Math.max(0, to - 3 * span);
  if (to - from >= WINDOW_MS[window]) {
    const next = WINDOWS.find((w) => WINDOW_MS[w] >= to - from) ?? "30d";
    return { window: next };
  }
  return { window, range: { from: Math.round(from), to: Math.round(to) } };
}
