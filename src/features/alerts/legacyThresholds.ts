/**
 * Thresholds the old per-browser editor kept in localStorage (`fleet.thresholds.v1`: an object
 * `{"<device>/<metric>": {"low"?: n, "high"?: n}}`), turned into server rules for those devices.
 * The old editor's rule was "beyond a threshold for more than 3 s": the rules keep `forSeconds` 3.
 */
import { metricLabel } from "../../i18n/deviceText";
import { t } from "../../i18n/i18n";
import type { DeviceInfo } from "../../protocol/messages";
import { AlertsApiError, type RuleInput, saveRule } from "./alertsApi";

export const LEGACY_THRESHOLDS_KEY = "fleet.thresholds.v1";

export interface LegacyThreshold {
  low?: number;
  high?: number;
}

/** The saved thresholds, well-formed ones only (anything else is dropped); {} when none or corrupt. */
export function parseLegacyThresholds(raw: string | null): Record<string, LegacyThreshold> {
  let parsed: unknown;
  try {
    parsed = raw === null ? {} : JSON.parse(raw);
  } catch {
    return {};
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) return {};
  const result: Record<string, LegacyThreshold> = {};
  for (const [key, value] of Object.entries(parsed as Record<string, unknown>)) {
    if (!value || typeof value !== "object" || !key.includes("/")) continue;
    const { low, high } = value as Record<string, unknown>;
    result[key] = {
      ...(typeof low === "number" && Number.isFinite(low) ? { low } : {}),
      ...(typeof high === "number" && Number.isFinite(high) ? { high } : {}),
    };
  }
  return result;
}

export interface LegacyMapping {
  rules: { key: string; rule: RuleInput }[];
  /** Thresholds that make no rule, with the reason in words. */
  skipped: { key: string; reason: string }[];
}

/** One device rule per saved metric; both sides empty (alerts off) becomes a disabled rule. */
export function legacyRules(
  saved: Readonly<Record<string, LegacyThreshold>>,
  devices: Readonly<Record<string, DeviceInfo | undefined>>,
): LegacyMapping {
  const mapping: LegacyMapping = { rules: [], skipped: [] };
  for (const [key, { low, high }] of Object.entries(saved)) {
    const slash = key.lastIndexOf("/");
    const deviceId = key.slice(0, slash);
    const metric = devices[deviceId]?.metrics.find((m) => m.key === key.slice(slash + 1));
    if (!devices[deviceId]) {
      mapping.skipped.push({ key, reason: t("legacy.noDevice", { device: deviceId }) });
      continue;
    }
    if (!metric) {
      mapping.skipped.push({
        key,
        reason: t("legacy.noMetric", { device: deviceId, metric: key.slice(slash + 1) }),
      });
      continue;
    }
    const base = {
      name: t("legacy.ruleName", { metric: metricLabel(metric) }),
      scope: { device: deviceId },
      metric: metric.key,
      forSeconds: 3,
      severity: "warning" as const,
      enabled: true,
    };
    if (low !== undefined && high !== undefined) {
      if (low >= high) mapping.skipped.push({ key, reason: t("legacy.lowAboveHigh", { low, high }) });
      else mapping.rules.push({ key, rule: { ...base, op: "outside", low, high } });
    } else if (high !== undefined)
      mapping.rules.push({ key, rule: { ...base, op: "above", threshold: high } });
    else if (low !== undefined) mapping.rules.push({ key, rule: { ...base, op: "below", threshold: low } });
    // Both cleared meant "no alert on this metric": a disabled rule keeps the default off for it.
    else
      mapping.rules.push({
        key,
        rule: {
          ...base,
          name: t("legacy.ruleNameOff", { metric: metricLabel(metric) }),
          op: "outside",
          low: metric.min,
          high: metric.max,
          enabled: false,
        },
      });
  }
  return mapping;
}

export interface MigrationResult {
  created: number;
  /** What could not be turned into a rule, in words. */
  failed: string[];
  /** True when every failure is final (the server refused the rule): the saved thresholds can go. */
  done: boolean;
}

/** Creates the rules on the server, one by one; never rejects. */
export async function migrateThresholds(
  saved: Readonly<Record<string, LegacyThreshold>>,
  devices: Readonly<Record<string, DeviceInfo | undefined>>,
  save: (rule: RuleInput) => Promise<unknown> = saveRule,
): Promise<MigrationResult> {
  const mapping = legacyRules(saved, devices);
  const result: MigrationResult = {
    created: 0,
    failed: mapping.skipped.map(({ key, reason }) => `${key}: ${reason}`),
    done: true,
  };
  for (const { key, rule } of mapping.rules) {
    try {
      await save(rule);
      result.created++;
    } catch (error) {
      const final = error instanceof AlertsApiError && error.code === "bad_request";
      if (!final) result.done = false;
      result.failed.push(`${key}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return result;
}
