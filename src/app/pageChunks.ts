import { pageChunk } from "./pageChunk";

/** The Health page (sparklines, the server's figures) is a chunk of its own: the start page does not carry it. */
export const healthPageChunk = pageChunk(() => import("../features/connection/HealthPage"));

/** The Events page (the server's logbook, filters, paging, CSV) is a chunk of its own too. */
export const eventsPageChunk = pageChunk(() => import("../features/events/EventsPage"));

/** The Audit page (admins: who did what) is a chunk of its own. */
export const auditPageChunk = pageChunk(() => import("../features/audit/AuditPage"));

/** The sign-in page: a signed-in tab never loads it. */
export const signInPageChunk = pageChunk(() => import("../features/access/SignInPage"));

/** The Compare page (several series on one chart) is a chunk of its own. */
export const comparePageChunk = pageChunk(() => import("../features/compare/ComparePage"));

/** The saved views page (list, favourites, home page, import and export). */
export const viewsPageChunk = pageChunk(() => import("../features/views/ViewsPage"));
