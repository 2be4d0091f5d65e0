import { type MessageId, t } from "../../i18n/i18n";
import { deviceHref, isLiveWindow, type TimeRange, type TimeWindow, WINDOWS } from "../../ui/links";

const LABEL: Record<TimeWindow, MessageId> = {
  "1m": "window.1m",
  "5m": "window.5m",
  "15m": "window.15m",
  "1h": "window.1h",
  "6h": "window.6h",
  "24h": "window.24h",
  "7d": "window.7d",
  "30d": "window.30d",
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
    <nav className="segmented" aria-label={t("window.label")}>
      {WINDOWS.map((window) =>
        history || isLiveWindow(window) ? (
          <a
            key={window}
            href={href(window)}
            className="segment"
            aria-current={window === current && !ranged ? "true" : undefined}
          >
            {t(LABEL[window])}
          </a>
        ) : (
          <span key={window} className="segment segment-off" title={t("window.noHistory")}>
            {t(LABEL[window])}
          </span>
        ),
      )}
    </nav>
  );
}
