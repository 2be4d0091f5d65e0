/** A device's online / stale / offline badge, shared by the fleet cards and the device view. */

import { type MessageId, t } from "../i18n/i18n";
import { StatusIcon } from "./StatusIcon";

/** Whether a device is sending (online), has gone quiet (stale) or is gone (offline). */
export type Availability = "online" | "stale" | "offline";

const TEXT: Record<Availability, MessageId> = {
  online: "status.online",
  stale: "status.stale",
  offline: "status.offline",
};
const TONE = { online: "ok", stale: "warn", offline: "danger" } as const;

/** Online / Stale / Offline as an icon and a word, never colour alone. */
export function StatusBadge({ availability, detail }: { availability: Availability; detail?: string }) {
  return (
    <span className={`badge tone-${TONE[availability]}`}>
      <StatusIcon tone={TONE[availability]} />
      {t(TEXT[availability])}
      {detail && <span className="badge-detail"> · {detail}</span>}
    </span>
  );
}
