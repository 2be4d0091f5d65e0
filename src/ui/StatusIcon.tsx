/**
 * The tone icon every feature draws beside a state word (connection, device status, events,
 * command outcomes), so state is readable without colour. Styled by the `.tone-*` rules.
 */

/** A small shape per tone: dot, triangle, cross, ring. */
export function StatusIcon({ tone }: { tone: "ok" | "warn" | "danger" | "neutral" }) {
  const shape =
    tone === "ok" ? (
      <circle cx="6" cy="6" r="5" />
    ) : tone === "warn" ? (
      <path d="M6 1 L11 11 L1 11 Z" />
    ) : tone === "danger" ? (
      <path d="M2 2 L10 10 M10 2 L2 10" strokeWidth="2.4" stroke="currentColor" />
    ) : (
      <circle cx="6" cy="6" r="4" fill="none" stroke="currentColor" strokeWidth="2" />
    );
  return (
    <svg
      className="status-icon"
      width="12"
      height="12"
      viewBox="0 0 12 12"
      fill="currentColor"
      aria-hidden="true"
    >
      {shape}
    </svg>
  );
}
