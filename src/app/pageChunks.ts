import { chunkLoader } from "./chunkLoader";

/** The Health page (sparklines, the server's figures) is a chunk of its own: the start page does not carry it. */
export const healthPageChunk = chunkLoader(() => import("../features/connection/HealthPage"));

/** The Events page (the server's logbook, filters, paging, CSV) is a chunk of its own too. */
export const eventsPageChunk = chunkLoader(() => import("../features/events/EventsPage"));

/** The Audit page (admins: who did what) is a chunk of its own. */
export const auditPageChunk = chunkLoader(() => import("../features/audit/AuditPage"));

/** The sign-in page: a signed-in tab never loads it. */
export const signInPageChunk = chunkLoader(() => import("../features/access/SignInPage"));

/** The Compare page (several series on one chart) is a chunk of its own. */
export const comparePageChunk = chunkLoader(() => import("../features/compare/ComparePage"));

/** The saved views page (list, favourites, home page, import and export). */
export const viewsPageChunk = chunkLoader(() => import("../features/views/ViewsPage"));
