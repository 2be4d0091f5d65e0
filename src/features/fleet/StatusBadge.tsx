import { StatusIcon } from "../connection/StatusIcon";
import type { Availability } from "./fleetFilter";

const TEXT: Record<Availability, string> = { online: "Online", stale: "Stale", offline: "Offline" };
const TONE = { online: "ok", stale: "warn", offline: "danger" } as const;

/** Online / Stale / Offline as an icon and a word, never colour alone. */
export function StatusBadge({ availability, detail }: { availability: Availability; detail?: string }) {
  return (
    <span className={`badge tone-${TONE[availability]}`}>
      <StatusIcon tone={TONE[availability]} />
      {TEXT[availability]}
      {detail && <span className="badge-detail"> · {detail}</span>}
    </span>
  );
}
