/** The dashboard's client of `GET /api/audit` (admins), paged by cursor like `/api/events`. */
import { t } from "../../i18n/i18n";
import { fetchPage, type Page } from "../events/pageApi";
import { AUDIT_API_PATH, type AuditEntry } from "./auditQuery";

export function fetchAuditPage(search: string, signal?: AbortSignal): Promise<Page<AuditEntry>> {
  return fetchPage<AuditEntry>({
    url: `${AUDIT_API_PATH}?${search}`,
    missing: t("audit.noApi"),
    signal,
  });
}
