import { chunkLoader } from "./chunkLoader";

/**
 * The device view and everything only it uses (recharts, the command panel) are a chunk of their
 * own, so the fleet overview, the start page, does not download them.
 */
export const deviceViewChunk = chunkLoader(() => import("../features/device/DeviceView"));
