import { type ComponentType, useEffect, useState } from "react";
import { chunkLoader } from "./chunkLoader";

// The old editor's key (features/alerts/legacyThresholds.ts, LEGACY_THRESHOLDS_KEY): read here so
// the start page learns whether to fetch the banner without carrying the banner.
const LEGACY_KEY = "fleet.thresholds.v1";

const bannerChunk = chunkLoader(() => import("../features/alerts/LegacyThresholdsBanner"));

function hasLegacyThresholds(): boolean {
  try {
    return localStorage.getItem(LEGACY_KEY) !== null;
  } catch {
    return false;
  }
}

/**
 * The offer to convert the old editor's thresholds, downloaded after the first render and only in
 * a browser that has some. The banner shows once the server evaluates alerts, after `welcome`, so
 * it appears no later than when it was on the start page; a failed download shows nothing, as
 * the banner does without thresholds.
 */
export function LegacyBannerSlot() {
  const [Banner, setBanner] = useState<ComponentType | undefined>(
    () => bannerChunk.loaded()?.LegacyThresholdsBanner,
  );
  useEffect(() => {
    if (Banner || !hasLegacyThresholds()) return;
    let current = true;
    bannerChunk.load().then(
      (module) => {
        if (current) setBanner(() => module.LegacyThresholdsBanner);
      },
      (error: unknown) => console.error("The legacy thresholds banner could not be loaded", error),
    );
    return () => {
      current = false;
    };
  }, [Banner]);
  return Banner ? <Banner /> : null;
}
