/** The device kinds' icons and words, shared by the fleet overview's cards and filter and the device view. */

import { type MessageId, t } from "../i18n/i18n";
import type { DeviceKind } from "../protocol/messages";

const PATHS: Record<DeviceKind, string> = {
  // Thermometer, car, watch, lightning bolt: simple shapes that read at 16 px.
  thermostat: "M7 2a2 2 0 0 1 4 0v8.3a4 4 0 1 1-4 0Z M9 11v3",
  vehicle:
    "M2 11l1.5-4.5A2 2 0 0 1 5.4 5h7.2a2 2 0 0 1 1.9 1.5L16 11v3H2Z M4.5 14.5v1.5 M13.5 14.5v1.5 M2 11h14",
  wearable: "M6 1h6v3H6Z M6 14h6v3H6Z M4.5 4h9v10h-9Z M9 7v2.5l1.5 1",
  meter: "M10 1L4 10h4l-1 7 6-9H9Z",
};

/** Each kind's message id; `kindLabel` gives its word in the reader's language. */
export const KIND_LABEL: Record<DeviceKind, MessageId> = {
  thermostat: "kind.thermostat",
  vehicle: "kind.vehicle",
  wearable: "kind.wearable",
  meter: "kind.meter",
};

/** A kind's word in the reader's language; an unknown kind as the server names it. */
export function kindLabel(kind: string): string {
  const id = KIND_LABEL[kind as DeviceKind];
  return id ? t(id) : kind;
}

/** Icon plus word for a device kind. */
export function KindLabel({ kind }: { kind: DeviceKind }) {
  return (
    <span className="kind-label">
      <svg
        width="16"
        height="16"
        viewBox="0 0 18 18"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.6"
        strokeLinejoin="round"
        aria-hidden="true"
      >
        <path d={PATHS[kind] ?? PATHS.meter} />
      </svg>
      {kindLabel(kind)}
    </span>
  );
}
