/** The dashboard's client of `GET /api/audit` (admins), paged by cursor like `/api/events`. */
import { fetchPage, type Page } from "../events/pageApi";
import { AUDIT_API_PATH, type AuditEntry } from "./auditQuery";

export function fetchAuditPage(search: string, signal?: AbortSignal): Promise<Page<AuditEntry>> {
  return fetchPage<AuditEntry>({
    url: `${AUDIT_API_PATH}?${search}`,
    missing: "This server keeps no audit log (it is older than issue 14's access control).",
    signal,
  });
}
