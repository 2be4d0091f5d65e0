/**
 * The rule editor's pure parts: which of the server's rules apply to one metric of one device
 * (docs/ALERTS.md: its device rules, else its kind's stored rules, else the default), the
 * thresholds a chart draws for them, a rule in words, and a rule from the editor's fields.
 */
import type { Thresholds } from "../../charts/chartTypes";
import { formatLimit } from "../../charts/format";
import { metricLabel } from "../../i18n/deviceText";
import { hasMessage, t } from "../../i18n/i18n";
import type { AlertRule, DeviceKind, MetricInfo } from "../../protocol/messages";
import type { RuleInput } from "./alertsApi";

export type RuleLevel = "device" | "kind" | "default" | "none";

/** The rules in force for one metric of one device, and the level they come from. */
export interface AppliedRules {
  level: RuleLevel;
  /** Every rule at that level, disabled ones included (they silence the levels below). */
  rules: AlertRule[];
}

export function rulesFor(
  rules: readonly AlertRule[],
  device: { id: string; kind: DeviceKind },
  metric: string,
): AppliedRules {
  const on = rules.filter((rule) => rule.metric === metric);
  const own = on.filter((rule) => "device" in rule.scope && rule.scope.device === device.id);
  if (own.length) return { level: "device", rules: own };
  const kind = on.filter((rule) => "kind" in rule.scope && rule.scope.kind === device.kind);
  const stored = kind.filter((rule) => !rule.default);
  if (stored.length) return { level: "kind", rules: stored };
  if (kind.length) return { level: "default", rules: kind };
  return { level: "none", rules: [] };
}

/**
 * What a chart draws: the nearest high and low among the enabled rules (an `above` rule is a high
 * threshold, `below` a low one, `outside` both); with several, the one crossed first.
 */
export function thresholdsOf(rules: readonly AlertRule[]): Thresholds {
  let low: number | undefined;
  let high: number | undefined;
  for (const rule of rules) {
    if (rule.enabled === false) continue;
    const ruleHigh = rule.op === "above" ? rule.threshold : rule.op === "outside" ? rule.high : undefined;
    const ruleLow = rule.op === "below" ? rule.threshold : rule.op === "outside" ? rule.low : undefined;
    if (ruleHigh !== undefined) high = high === undefined ? ruleHigh : Math.min(high, ruleHigh);
    if (ruleLow !== undefined) low = low === undefined ? ruleLow : Math.max(low, ruleLow);
  }
  return { ...(low === undefined ? {} : { low }), ...(high === undefined ? {} : { high }) };
}

/** Before the rules are known (or on a server without them): the device's declared typical limits. */
export function declaredThresholds(metric: Pick<MetricInfo, "warnLow" | "warnHigh">): Thresholds {
  return {
    ...(metric.warnLow === undefined ? {} : { low: metric.warnLow }),
    ...(metric.warnHigh === undefined ? {} : { high: metric.warnHigh }),
  };
}

/** "above 28 °C for 60 s, critical" */
export function describeRule(rule: AlertRule, unit: string): string {
  const limit = (value: number | undefined) => (value === undefined ? "?" : formatLimit(value, unit));
  const condition =
    rule.op === "outside"
      ? t("rule.outside", { low: limit(rule.low), high: limit(rule.high) })
      : t(rule.op === "above" ? "rule.above" : "rule.below", { limit: limit(rule.threshold) });
  const held = rule.forSeconds > 0 ? t("rule.held", { seconds: rule.forSeconds }) : "";
  return t("rule.summary", {
    off: rule.enabled === false ? t("rule.off") : "",
    condition,
    held,
    severity: t(`severity.${rule.severity}`),
  });
}

/** The editor's fields, as typed. */
export interface RuleFields {
  low: string;
  high: string;
  forSeconds: string;
  severity: AlertRule["severity"];
}

/** The editor's fields of an existing rule (empty for a side it does not have). */
export function fieldsOf(rules: readonly AlertRule[]): RuleFields {
  const first = rules.find((rule) => rule.enabled !== false) ?? rules[0];
  const { low, high } = thresholdsOf(first ? [{ ...first, enabled: true }] : []);
  return {
    low: low === undefined ? "" : String(low),
    high: high === undefined ? "" : String(high),
    forSeconds: String(first?.forSeconds ?? 3),
    severity: first?.severity ?? "warning",
  };
}

function parseNumber(text: string): number | undefined {
  if (text.trim() === "") return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : Number.NaN;
}

/** A kind in the words of a sentence ("thermostat", "温控器"). */
function kindWord(kind: string): string {
  const id = `kind.${kind}`;
  return hasMessage(id) ? t(id).toLowerCase() : kind;
}

/** A rule from the editor's fields, or the reason in words why the fields make none. */
export function ruleFromFields(
  fields: RuleFields,
  scope: AlertRule["scope"],
  metric: Pick<MetricInfo, "key" | "label">,
): { ok: true; rule: RuleInput } | { ok: false; error: string } {
  const low = parseNumber(fields.low);
  const high = parseNumber(fields.high);
  const forSeconds = parseNumber(fields.forSeconds) ?? 0;
  if (Number.isNaN(low) || Number.isNaN(high)) return { ok: false, error: t("rules.notNumbers") };
  if (low === undefined && high === undefined) return { ok: false, error: t("rules.noThreshold") };
  if (low !== undefined && high !== undefined && low >= high)
    return { ok: false, error: t("rules.lowAboveHigh") };
  if (!Number.isInteger(forSeconds) || forSeconds < 0 || forSeconds > 86_400)
    return { ok: false, error: t("rules.badFor", { max: 86_400 }) };
  const base = {
    name:
      "device" in scope
        ? t("rules.nameDevice", { metric: metricLabel(metric) })
        : t("rules.nameKind", { metric: metricLabel(metric), kind: kindWord(scope.kind) }),
    scope,
    metric: metric.key,
    forSeconds,
    severity: fields.severity,
    enabled: true,
  };
  if (low !== undefined && high !== undefined)
    return { ok: true, rule: { ...base, op: "outside", low, high } };
  if (high !== undefined) return { ok: true, rule: { ...base, op: "above", threshold: high } };
  return { ok: true, rule: { ...base, op: "below", threshold: low as number } };
}
