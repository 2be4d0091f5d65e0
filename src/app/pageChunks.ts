import { chunkLoader } from "./chunkLoader";

/** The Health page (sparklines, the server's figures) is a chunk of its own: the start page does not carry it. */
export const healthPageChunk = chunkLoader(() => import("../features/connection/HealthPage"));
