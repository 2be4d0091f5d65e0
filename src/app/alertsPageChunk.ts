import { pageChunk } from "./pageChunk";

/** The Alerts page is a chunk of its own, like the device view: the start page does not carry it. */
export const alertsPageChunk = pageChunk(() => import("../features/alertsPage/AlertsPage"));
