import { pageChunk } from "./pageChunk";

/**
 * The device view and everything only it uses (recharts, the command panel) are a chunk of their
 * own, so the fleet overview, the start page, does not download them.
 */
export const deviceViewChunk = pageChunk(() => import("../features/device/DeviceView"));

/** Starts downloading the device view when someone is about to open one (hover, focus). */
export function prefetchDeviceView(): void {
  deviceViewChunk.prefetch();
}
