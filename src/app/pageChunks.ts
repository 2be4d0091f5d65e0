import { chunkLoader } from "./chunkLoader";

/** The Health page (sparklines, the server's figures) is a chunk of its own: the start page does not carry it. */
export const healthPageChunk = chunkLoader(() => import("../features/connection/HealthPage"));

/** The Events page (the server's logbook, filters, paging, CSV) is a chunk of its own too. */
export const eventsPageChunk = chunkLoader(() => import("../features/events/EventsPage"));
