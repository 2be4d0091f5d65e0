/**
 * The alert rule model (docs/ALERTS.md): a rule watches one metric of one device or of a whole
 * kind, above / below a threshold or outside a low..high band, for `forSeconds`, with optional clear
 * thresholds (hysteresis). Rules arrive as JSON at `/api/alert-rules`; `parseRule` checks them once,
 * with zod for the shape and against the fleet for what zod cannot know (the kind's metrics).
 */
import { z } from "zod";
import { DEVICE_KINDS } from "../../../src/protocol/constants";
import type { AlertRule, DeviceKind, MetricInfo } from "../../../src/protocol/messages";

export type { AlertRule } from "../../../src/protocol/messages";

/** A rule input refused: the field it names and why, answered as 400 `bad_request`. */
export class RuleError extends Error {
  readonly code = "bad_request";
}

/** What rule checks and rule resolution need to know of a device. */
export interface RuleDevice {
  id: string;
  kind: DeviceKind;
  metrics: readonly MetricInfo[];
}

const finite = z.number().refine(Number.isFinite, "expected a finite number");

/** The JSON a client sends to create or replace a rule (`id` comes from the server or the path). */
export const ruleInputSchema = z.strictObject({
  id: z.string().optional(),
  name: z.string().trim().min(1).max(200),
  scope: z.union([
    z.strictObject({ device: z.string().min(1).max(128) }),
    z.strictObject({ kind: z.string().min(1).max(64) }),
  ]),
  metric: z.string().min(1).max(64),
  op: z.enum(["above", "below", "outside"]),
  threshold: finite.optional(),
  low: finite.optional(),
  high: finite.optional(),
  clearThreshold: finite.optional(),
  clearLow: finite.optional(),
  clearHigh: finite.optional(),
  forSeconds: z.number().min(0, "must be >= 0").max(86_400, "must be <= 86400").default(0),
  severity: z.enum(["warning", "critical"]).default("warning"),
  enabled: z.boolean().default(true),
  default: z.boolean().optional(),
});

/** Checks `body` as rule `id` against the fleet `devices`; throws `RuleError` naming the field. */
export function parseRule(body: unknown, id: string, devices: readonly RuleDevice[]): AlertRule {
  const parsed = ruleInputSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.map(String).join(".") || "(body)";
    throw new RuleError(`${field}: ${issue?.message ?? "invalid"}`);
  }
  const { default: _default, id: _id, ...input } = parsed.data;
  const rule = { ...input, id } as AlertRule;
  checkBounds(rule);
  checkScope(rule, devices);
  return rule;
}

function need(rule: AlertRule, field: "threshold" | "low" | "high"): number {
  const value = rule[field];
  if (value === undefined) throw new RuleError(`${field}: required when op is "${rule.op}"`);
  return value;
}

function refuse(rule: AlertRule, fields: ("threshold" | "low" | "high" | "clearThreshold")[]): void {
  for (const field of fields)
    if (rule[field] !== undefined) throw new RuleError(`${field}: not used when op is "${rule.op}"`);
}

/** Thresholds present for the op, in order, and clear thresholds on the safe side. */
function checkBounds(rule: AlertRule): void {
  if (rule.op === "outside") {
    refuse(rule, ["threshold", "clearThreshold"]);
    const low = need(rule, "low");
    const high = need(rule, "high");
    if (!(low < high)) throw new RuleError(`low: must be below high (low=${low}, high=${high})`);
    const { clearLow = low, clearHigh = high } = rule;
    if (clearLow < low || clearLow > high)
      throw new RuleError(`clearLow: must be from low to high (${low}..${high}), got ${clearLow}`);
    if (clearHigh > high || clearHigh < clearLow)
      throw new RuleError(
        `clearHigh: must be from clearLow to high (${clearLow}..${high}), got ${clearHigh}`,
      );
    return;
  }
  refuse(rule, ["low", "high"]);
  if (rule.clearLow !== undefined || rule.clearHigh !== undefined)
    throw new RuleError(`${rule.clearLow !== undefined ? "clearLow" : "clearHigh"}: only for op "outside"`);
  const threshold = need(rule, "threshold");
  const clear = rule.clearThreshold;
  if (clear === undefined) return;
  if (rule.op === "above" && clear > threshold)
    throw new RuleError(`clearThreshold: must be <= threshold (${threshold}) for "above", got ${clear}`);
  if (rule.op === "below" && clear < threshold)
    throw new RuleError(`clearThreshold: must be >= threshold (${threshold}) for "below", got ${clear}`);
}

/** The scope names a known kind or device, and its metric is one that kind or device declares. */
function checkScope(rule: AlertRule, devices: readonly RuleDevice[]): void {
  let covered: readonly RuleDevice[];
  if ("device" in rule.scope) {
    const id = rule.scope.device;
    covered = devices.filter((device) => device.id === id);
    if (covered.length === 0) throw new RuleError(`scope.device: no device "${id}"`);
  } else {
    const kind = rule.scope.kind;
    if (!(DEVICE_KINDS as readonly string[]).includes(kind))
      throw new RuleError(`scope.kind: expected one of ${DEVICE_KINDS.join(", ")}, got "${kind}"`);
    covered = devices.filter((device) => device.kind === kind);
  }
  // A kind no device has joined yet cannot be checked: its rule waits for the first one.
  if (covered.length === 0) return;
  const known = new Set(covered.flatMap((device) => device.metrics.map((metric) => metric.key)));
  if (!known.has(rule.metric))
    throw new RuleError(
      `metric: ${"device" in rule.scope ? rule.scope.device : rule.scope.kind} has no metric "${rule.metric}" (it has ${[...known].join(", ")})`,
    );
}

/** Hold time of the default rules: the dashboard's (more than 3 s beyond a threshold). */
export const DEFAULT_FOR_SECONDS = 3;

/**
 * The default rules: one per kind and metric whose devices declare `warnLow`/`warnHigh`, as the
 * dashboard's defaults. A stored rule on the same kind or device and metric replaces it.
 */
export function defaultRules(devices: readonly RuleDevice[]): AlertRule[] {
  const rules = new Map<string, AlertRule>();
  for (const device of devices)
    for (const metric of device.metrics) {
      const id = `default.${device.kind}.${metric.key}`;
      if (rules.has(id) || (metric.warnLow === undefined && metric.warnHigh === undefined)) continue;
      const base = {
        id,
        name: `${metric.label} out of its typical range`,
        scope: { kind: device.kind },
        metric: metric.key,
        forSeconds: DEFAULT_FOR_SECONDS,
        severity: "warning" as const,
        enabled: true,
        default: true as const,
      };
      if (metric.warnLow !== undefined && metric.warnHigh !== undefined)
        rules.set(id, { ...base, op: "outside", low: metric.warnLow, high: metric.warnHigh });
      else if (metric.warnHigh !== undefined)
        rules.set(id, { ...base, op: "above", threshold: metric.warnHigh });
      else rules.set(id, { ...base, op: "below", threshold: metric.warnLow as number });
    }
  return [...rules.values()];
}

/**
 * The rules that apply to `device`, per metric: its device-scoped rules, else its kind's stored
 * rules, else the default; disabled rules take their place and apply nothing.
 */
export function rulesFor(device: RuleDevice, stored: readonly AlertRule[], defaults: readonly AlertRule[]) {
  const applying: AlertRule[] = [];
  for (const metric of device.metrics) {
    const on = (rule: AlertRule) => rule.metric === metric.key;
    const own = stored.filter(
      (rule) => on(rule) && "device" in rule.scope && rule.scope.device === device.id,
    );
    const kind = stored.filter((rule) => on(rule) && "kind" in rule.scope && rule.scope.kind === device.kind);
    const fallback = defaults.filter(
      (rule) => on(rule) && "kind" in rule.scope && rule.scope.kind === device.kind,
    );
    const chosen = own.length ? own : kind.length ? kind : fallback;
    for (const rule of chosen) if (rule.enabled !== false) applying.push(rule);
  }
  return applying;
}
