/** A ticking clock for relative times ("last seen 12 s ago"), shared by the fleet cards and the device view. */
import { useEffect, useState } from "react";

/** The local clock, refreshed every `intervalMs` (for "last seen 12 s ago"). */
export function useNow(intervalMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
