/**
 * The server's alert rules as the device view knows them: loaded from `GET /api/alert-rules` when
 * a view needs them, and again after every change this page makes. A small vanilla zustand store,
 * read by the rule editor and by the charts that draw the rules' thresholds.
 */
import { useStore } from "zustand";
import { createStore } from "zustand/vanilla";
import { t } from "../../i18n/i18n";
import type { AlertRule } from "../../protocol/messages";
import { AlertsApiError, deleteRule, listRules, type RuleInput, saveRule } from "./alertsApi";

export interface RuleStoreState {
  /** Undefined until the first answer (or when the server has no rules API). */
  rules?: AlertRule[];
  /** Why the rules could not be read, in words. */
  error?: string;
}

export const ruleStore = createStore<RuleStoreState>()(() => ({}));

let loading: Promise<void> | undefined;
let generation = 0;

/**
 * Reads the rules again. Callers share a request under way, except `fresh` ones (after a change,
 * which a request sent before it would not show).
 */
export function loadRules(fresh = false): Promise<void> {
  if (loading && !fresh) return loading;
  const mine = ++generation;
  // An older answer arriving after a newer one must not put back what was changed since.
  const request: Promise<void> = listRules()
    .then(
      (rules) => {
        if (mine === generation) ruleStore.setState({ rules, error: undefined });
      },
      (error: unknown) => {
        if (mine !== generation) return;
        const words = error instanceof AlertsApiError ? error.message : t("rules.readFailed");
        ruleStore.setState({ error: words });
      },
    )
    .finally(() => {
      if (loading === request) loading = undefined;
    });
  loading = request;
  return request;
}

/** Creates (no `id`) or replaces a rule, then reloads the rules; rejects with an `AlertsApiError`. */
export async function putRule(rule: RuleInput, id?: string): Promise<AlertRule> {
  const saved = await saveRule(rule, id);
  await loadRules(true);
  return saved;
}

/** Deletes a rule, then reloads the rules; rejects with an `AlertsApiError`. */
export async function removeRule(id: string): Promise<void> {
  await deleteRule(id);
  await loadRules(true);
}

export function useRules<T>(selector: (state: RuleStoreState) => T): T {
  return useStore(ruleStore, selector);
}
