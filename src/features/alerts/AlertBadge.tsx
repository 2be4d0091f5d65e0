import type { ActiveAlert } from "./alertStore";

/** "2 alerts" with a warning icon; nothing when the device has no active alert. */
export function AlertBadge({ alerts }: { alerts: Record<string, ActiveAlert> | undefined }) {
  const count = alerts ? Object.keys(alerts).length : 0;
  if (count === 0) return null;
  return (
    <span className="badge badge-alert">
      <svg width="12" height="12" viewBox="0 0 12 12" aria-hidden="true" fill="currentColor">
        <path d="M6 0.8 L11.6 11 H0.4 Z" />
      </svg>
      {count === 1 ? "Alert" : `${count} alerts`}
    </span>
  );
}
