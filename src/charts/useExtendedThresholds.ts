import { useState } from "react";
import type { Thresholds } from "./chartTypes";
import { type Extended, extendedThresholds, NONE_EXTENDED, type ValueRange } from "./yDomain";

/**
 * Which thresholds stretch a live chart's Y axis. The decision depends on the last one made with
 * data (see KEEP_SHARE); an empty window includes them all, and that must not hold them on once
 * data arrives, so only decisions made with data are remembered.
 */
export function useExtendedThresholds(
  range: ValueRange | undefined,
  thresholds: Thresholds | undefined,
): Extended {
  const [decidedWithData, setDecidedWithData] = useState<Extended>(NONE_EXTENDED);
  const extended = extendedThresholds(range, thresholds, decidedWithData);
  // Kept as state set while rendering (React's pattern for information from previous renders):
  // React renders again before committing, so a change costs no extra commit, as an effect would.
  // Deciding again from this decision gives the same one, so this settles in one extra render.
  if (range && (extended.low !== decidedWithData.low || extended.high !== decidedWithData.high)) {
    setDecidedWithData(extended);
  }
  return extended;
}
