/** The Alerts API from a spec (Node's fetch): create, list and delete rules, list alerts. */
import type { AlertInfo, AlertRule } from "../../src/protocol/messages";

async function api<T>(
  baseURL: string,
  path: string,
  init: { method?: string; body?: unknown } = {},
): Promise<T> {
  const response = await fetch(`${baseURL}${path}`, {
    method: init.method ?? "GET",
    headers: init.body === undefined ? {} : { "content-type": "application/json" },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  if (!response.ok)
    throw new Error(`${init.method ?? "GET"} ${path}: HTTP ${response.status} ${await response.text()}`);
  return (response.status === 204 ? undefined : await response.json()) as T;
}

export async function createRule(baseURL: string, rule: Omit<AlertRule, "id">): Promise<AlertRule> {
  return (await api<{ rule: AlertRule }>(baseURL, "/api/alert-rules", { method: "POST", body: rule })).rule;
}

export async function listRules(baseURL: string): Promise<AlertRule[]> {
  return (await api<{ rules: AlertRule[] }>(baseURL, "/api/alert-rules")).rules;
}

/** Deletes every stored rule (the defaults stay): each spec leaves the shared server as it found it. */
export async function deleteStoredRules(baseURL: string): Promise<void> {
  for (const rule of await listRules(baseURL))
    if (!rule.default)
      await api(baseURL, `/api/alert-rules/${encodeURIComponent(rule.id)}`, { method: "DELETE" });
}

export async function listAlerts(baseURL: string, query: string): Promise<AlertInfo[]> {
  return (await api<{ alerts: AlertInfo[] }>(baseURL, `/api/alerts?${query}`)).alerts;
}
