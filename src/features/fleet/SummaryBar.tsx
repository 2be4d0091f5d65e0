import { type MessageId, t } from "../../i18n/i18n";
import type { FleetCounts, StatusFilter } from "./fleetFilter";

export interface SummaryBarProps {
  counts: FleetCounts;
  active: StatusFilter;
  onPick(status: StatusFilter): void;
}

const ITEMS: { status: StatusFilter; label: MessageId; key: keyof FleetCounts; tone: string }[] = [
  { status: "", label: "overview.devices", key: "total", tone: "neutral" },
  { status: "online", label: "status.online", key: "online", tone: "ok" },
  { status: "stale", label: "status.stale", key: "stale", tone: "warn" },
  { status: "offline", label: "status.offline", key: "offline", tone: "danger" },
  { status: "alerting", label: "status.alerting", key: "alerting", tone: "danger" },
];

/** Counts per status; each is also a quick filter. */
export function SummaryBar({ counts, active, onPick }: SummaryBarProps) {
  return (
    <ul className="summary-bar" aria-label={t("overview.summary")}>
      {ITEMS.map((item) => (
        <li key={item.key}>
          <button
            type="button"
            className={`summary-item summary-${item.tone}`}
            aria-pressed={active === item.status}
            onClick={() => onPick(active === item.status ? "" : item.status)}
          >
            <span className="summary-count">{counts[item.key]}</span>
            <span className="summary-label">{t(item.label)}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}
