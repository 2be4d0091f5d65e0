import type { FleetCounts, StatusFilter } from "./fleetFilter";

export interface SummaryBarProps {
  counts: FleetCounts;
  active: StatusFilter;
  onPick(status: StatusFilter): void;
}

const ITEMS: { status: StatusFilter; label: string; key: keyof FleetCounts; tone: string }[] = [
  { status: "", label: "Devices", key: "total", tone: "neutral" },
  { status: "online", label: "Online", key: "online", tone: "ok" },
  { status: "stale", label: "Stale", key: "stale", tone: "warn" },
  { status: "offline", label: "Offline", key: "offline", tone: "danger" },
  { status: "alerting", label: "Alerting", key: "alerting", tone: "danger" },
];

/** Counts per status; each is also a quick filter. */
export function SummaryBar({ counts, active, onPick }: SummaryBarProps) {
  return (
    <ul className="summary-bar" aria-label="Fleet summary">
      {ITEMS.map((item) => (
        <li key={item.key}>
          <button
            type="button"
            className={`summary-item summary-${item.tone}`}
            aria-pressed={active === item.status}
            onClick={() => onPick(active === item.status ? "" : item.status)}
          >
            <span className="summary-count">{counts[item.key]}</span>
            <span className="summary-label">{item.label}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}
