/**
 * A device's alert count as a badge, shared by the fleet cards and the device view: how many of the
 * server's alerts on it are firing (acknowledged or not).
 */
import { t } from "../i18n/i18n";

/** "2 alerts" with a warning icon; nothing when no alert is firing. */
export function AlertBadge({ count }: { count: number }) {
  if (count === 0) return null;
  return (
    <span className="badge badge-alert">
      <svg width="12" height="12" viewBox="0 0 12 12" aria-hidden="true" fill="currentColor">
        <path d="M6 0.8 L11.6 11 H0.4 Z" />
      </svg>
      {t("alerts.badge", { count })}
    </span>
  );
}
