import { deviceHref, type TimeWindow, WINDOWS } from "../../ui/links";

const LABEL: Record<TimeWindow, string> = { "1m": "1 min", "5m": "5 min", "15m": "15 min" };

/** The time window choice, as links so the URL (and back/forward) remember it. */
export function WindowPicker({ deviceId, current }: { deviceId: string; current: TimeWindow }) {
  return (
    <nav className="segmented" aria-label="Time window">
      {WINDOWS.map((window) => (
        <a
          key={window}
          href={deviceHref(deviceId, window)}
          className="segment"
          aria-current={window === current ? "true" : undefined}
        >
          {LABEL[window]}
        </a>
      ))}
    </nav>
  );
}
