/**
 * A device's alert count as a badge, shared by the fleet cards and the device view. It only counts
 * the device's active alerts (keyed by metric), so it takes them without knowing the alert store.
 */

/** "2 alerts" with a warning icon; nothing when the device has no active alert. */
export function AlertBadge({ alerts }: { alerts: Readonly<Record<string, unknown>> | undefined }) {
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
