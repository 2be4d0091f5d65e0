/**
 * The dashboard's client of the Alerts API (docs/PROTOCOL.md#alerts-api): rules, alerts and
 * acknowledgements, with the access token as `Authorization: Bearer` (as the history API). Every
 * refusal becomes an `AlertsApiError` whose message is meant for people. No React here.
 */

import { t } from "../../i18n/i18n";
import { ALERT_RULES_API_PATH, ALERTS_API_PATH } from "../../protocol/constants";
import type { AlertInfo, AlertRule, AlertState } from "../../protocol/messages";
import { reportUnauthorized, savedToken } from "../../ui/accessToken";

/** A rule as sent to the server: no id (it comes from the path or the server). */
export type RuleInput = Omit<AlertRule, "id" | "default">;

/** A refused or failed call; `message` is meant for people. */
export class AlertsApiError extends Error {
  constructor(
    /** The API's error code (`bad_request`, `not_firing`, ...), or `network` / `bad_answer`. */
    readonly code: string,
    message: string,
    readonly status = 0,
  ) {
    super(message);
    this.name = "AlertsApiError";
  }
}

/** The words for a refusal, from its status and the server's `{"error":{"code","message"}}`. */
export function refusalText(status: number, code: string, detail: string): string {
  if (status === 401) return t("refusal.sessionEnded");
  if (status === 503) return t("refusal.storeDown", { detail: detail || t("refusal.storeUnavailable") });
  if (code === "not_firing") return t("refusal.notFiring");
  if (status === 404 && code === "not_found")
    return t("refusal.notFound", { detail: detail || t("refusal.maybeDeleted") });
  if (status === 413) return t("refusal.tooLong");
  return detail ? t("refusal.refused", { detail }) : t("refusal.refusedStatus", { status });
}

/** Calls the API; resolves with the JSON body, or rejects with an `AlertsApiError` in words. */
async function call<T>(
  path: string,
  init: { method?: string; body?: unknown } = {},
  fetchImpl = fetch,
): Promise<T> {
  const token = savedToken();
  let response: Response;
  try {
    response = await fetchImpl(path, {
      method: init.method ?? "GET",
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(init.body === undefined ? {} : { "content-type": "application/json" }),
      },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });
  } catch {
    throw new AlertsApiError("network", t("errors.unreachable"));
  }
  if (response.status === 204) return undefined as T;
  const body = (await response.json().catch(() => undefined)) as
    | { error?: { code?: string; message?: string } }
    | undefined;
  if (!response.ok) {
    if (response.status === 401) reportUnauthorized();
    const code = body?.error?.code ?? "http_error";
    if (response.status === 404 && body?.error === undefined)
      throw new AlertsApiError("unsupported", t("errors.noAlertsApi"), 404);
    throw new AlertsApiError(
      code,
      refusalText(response.status, code, body?.error?.message ?? ""),
      response.status,
    );
  }
  if (body === undefined) throw new AlertsApiError("bad_answer", t("errors.notJson"));
  return body as T;
}

export async function listRules(): Promise<AlertRule[]> {
  const body = await call<{ rules?: AlertRule[] }>(ALERT_RULES_API_PATH);
  if (!Array.isArray(body.rules))
    throw new AlertsApiError("bad_answer", t("errors.noList", { list: "rules" }));
  return body.rules;
}

/** Creates a rule (no id) or replaces rule `id`. */
export async function saveRule(rule: RuleInput, id?: string): Promise<AlertRule> {
  const path = id === undefined ? ALERT_RULES_API_PATH : `${ALERT_RULES_API_PATH}/${encodeURIComponent(id)}`;
  const body = await call<{ rule: AlertRule }>(path, {
    method: id === undefined ? "POST" : "PUT",
    body: rule,
  });
  return body.rule;
}

export async function deleteRule(id: string): Promise<void> {
  await call<void>(`${ALERT_RULES_API_PATH}/${encodeURIComponent(id)}`, { method: "DELETE" });
}

export interface AlertQuery {
  states?: readonly AlertState[];
  device?: string;
  from?: number;
  to?: number;
  limit?: number;
}

/** The URL of `GET /api/alerts` for a query (empty parts left out). */
export function alertsUrl(query: AlertQuery): string {
  const params = new URLSearchParams();
  if (query.states?.length) params.set("state", query.states.join(","));
  if (query.device) params.set("device", query.device);
  if (query.from !== undefined) params.set("from", String(Math.floor(query.from)));
  if (query.to !== undefined) params.set("to", String(Math.ceil(query.to)));
  if (query.limit !== undefined) params.set("limit", String(query.limit));
  const search = params.toString();
  return search ? `${ALERTS_API_PATH}?${search}` : ALERTS_API_PATH;
}

export async function listAlerts(query: AlertQuery): Promise<AlertInfo[]> {
  const body = await call<{ alerts?: AlertInfo[] }>(alertsUrl(query));
  if (!Array.isArray(body.alerts))
    throw new AlertsApiError("bad_answer", t("errors.noList", { list: "alerts" }));
  return body.alerts;
}

/** Acknowledges a firing alert with a comment; resolves with the alert as the server now has it. */
export async function acknowledgeAlert(id: string, comment: string): Promise<AlertInfo> {
  const body = await call<{ alert: AlertInfo }>(`${ALERTS_API_PATH}/${encodeURIComponent(id)}/ack`, {
    method: "POST",
    body: { comment },
  });
  return body.alert;
}
