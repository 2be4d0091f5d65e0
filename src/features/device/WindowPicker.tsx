import { deviceHref, isLiveWindow, type TimeRange, type TimeWindow, WINDOWS } from "../../ui/links";

const LABEL: Record<TimeWindow, string> = {
  "1m": "1 min",
  "5m": "5 min",
  "15m": "15 min",
  "1h": "1 h",
  "6h": "6 h",
  "24h": "24 h",
  "7d": "7 d",
  "30d": "30 d",
};

export interface WindowPickerProps {
  deviceId: string;
  current: TimeWindow;
  /** False when the server keeps no history: the long windows are shown but not offered. */
  history: boolean;
  /** True while a range (zoom or custom) is shown: then no window is the current one. */
  ranged?: boolean;
  /** Where a window links to; the device view by default (the Compare page passes its own). */
  hrefFor?: (window: TimeWindow, range?: TimeRange) => string;
}

/** The time window choice, as links so the URL (and back/forward) remember it. */
export function WindowPicker({ deviceId, current, history, ranged = false, hrefFor }: WindowPickerProps) {
  const href = hrefFor ?? ((window: TimeWindow) => deviceHref(deviceId, window));
  return (
    <nav className="segmented" aria-label="Time window">
      {WINDOWS.map((window) =>
        history || isLiveWindow(window) ? (
          <a
            key={window}
            href={href(window)}
            className="segment"
            aria-current={window === current && !ranged ? "true" : undefined}
          >
            {LABEL[window]}
          </a>
        ) : (
          <span
            key={window}
            className="segment segment-off"
            title="This server keeps no history (older than protocol v1.2)"
          >
            {LABEL[window]}
          </span>
        ),
      )}
    </nav>
  );
}
