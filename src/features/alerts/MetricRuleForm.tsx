import { type FormEvent, useId, useState } from "react";
import { metricLabel } from "../../i18n/deviceText";
import { type MessageId, t } from "../../i18n/i18n";
import type { AlertRule, DeviceKind, MetricInfo } from "../../protocol/messages";
import { Field } from "../../ui/Field";
import { kindLabel } from "../../ui/KindIcon";
import { AlertsApiError } from "./alertsApi";
import { NumberField } from "./NumberField";
import { describeRule, fieldsOf, type RuleFields, ruleFromFields, rulesFor } from "./ruleModel";
import { putRule, removeRule } from "./ruleStore";

type Scope = "device" | "kind";

interface Props {
  device: { id: string; kind: DeviceKind };
  metric: MetricInfo;
  rules: readonly AlertRule[];
}

const LEVEL_TEXT: Record<"device" | "default" | "none", MessageId> = {
  device: "rules.levelDevice",
  default: "rules.levelDefault",
  none: "rules.levelNone",
};

/** The stored (or default) rules of one scope on this metric: what saving at that scope replaces. */
function rulesAt(rules: readonly AlertRule[], device: Props["device"], metric: string, scope: Scope) {
  return rules.filter(
    (rule) =>
      rule.metric === metric &&
      (scope === "device"
        ? "device" in rule.scope && rule.scope.device === device.id
        : "kind" in rule.scope && rule.scope.kind === device.kind),
  );
}

/** One metric's rules: what applies now, and a form to set a rule for this device or its kind. */
export function MetricRuleForm({ device, metric, rules }: Props) {
  const applied = rulesFor(rules, device, metric.key);
  const [scope, setScope] = useState<Scope>(applied.level === "kind" ? "kind" : "device");
  const [fields, setFields] = useState<RuleFields>(() => fieldsOf(applied.rules));
  const [note, setNote] = useState<{ error?: string; text?: string }>({});
  const [busy, setBusy] = useState(false);
  const id = useId();
  // Saving replaces the scope's first stored rule, or adds one (a kind rule replaces the default).
  const target = rulesAt(rules, device, metric.key, scope).find((rule) => !rule.default);
  const edit = (patch: Partial<RuleFields>) => {
    setNote({});
    setFields((current) => ({ ...current, ...patch }));
  };
  const run = async (action: () => Promise<unknown>, done: string) => {
    setBusy(true);
    try {
      await action();
      setNote({ text: done });
    } catch (error) {
      setNote({ error: error instanceof AlertsApiError ? error.message : t("rules.saveFailed") });
    } finally {
      setBusy(false);
    }
  };
  const save = (event: FormEvent) => {
    event.preventDefault();
    const made = ruleFromFields(
      fields,
      scope === "device" ? { device: device.id } : { kind: device.kind },
      metric,
    );
    if (!made.ok) return setNote({ error: made.error });
    void run(() => putRule(made.rule, target?.id), t("rules.saved"));
  };

  const level =
    applied.level === "kind"
      ? t("rules.levelKind", { kind: kindLabel(device.kind).toLowerCase() })
      : t(LEVEL_TEXT[applied.level]);
  const metricName = metricLabel(metric);
  return (
    <form className="threshold-form" onSubmit={save} aria-labelledby={`${id}-name`} noValidate>
      <span id={`${id}-name`} className="threshold-name">
        {metricName} <span className="muted">({metric.unit})</span>
      </span>
      <p className="rule-applied muted">
        {level}
        {applied.rules.length > 0 &&
          `: ${applied.rules.map((rule) => describeRule(rule, metric.unit)).join("; ")}`}
      </p>
      <Field
        label={
          <>
            <span className="visually-hidden">{metricName} </span>
            {t("rules.appliesTo")}
          </>
        }
      >
        {(fieldId) => (
          <select
            id={fieldId}
            value={scope}
            onChange={(e) => {
              setNote({});
              setScope(e.target.value as Scope);
            }}
          >
            <option value="device">{t("rules.thisDevice")}</option>
            <option value="kind">
              {t("rules.everyKind", { kind: kindLabel(device.kind).toLowerCase() })}
            </option>
          </select>
        )}
      </Field>
      <NumberField
        metricLabel={metricName}
        label={t("rules.low")}
        value={fields.low}
        onChange={(low) => edit({ low })}
      />
      <NumberField
        metricLabel={metricName}
        label={t("rules.high")}
        value={fields.high}
        onChange={(high) => edit({ high })}
      />
      <NumberField
        metricLabel={metricName}
        label={t("rules.forSeconds")}
        value={fields.forSeconds}
        onChange={(forSeconds) => edit({ forSeconds })}
      />
      <Field
        label={
          <>
            <span className="visually-hidden">{metricName} </span>
            {t("rules.severity")}
          </>
        }
      >
        {(fieldId) => (
          <select
            id={fieldId}
            value={fields.severity}
            onChange={(e) => edit({ severity: e.target.value as RuleFields["severity"] })}
          >
            <option value="warning">{t("severity.warning")}</option>
            <option value="critical">{t("severity.critical")}</option>
          </select>
        )}
      </Field>
      <button type="submit" className="btn" disabled={busy}>
        {t("rules.save")}
      </button>
      {target && (
        <button
          type="button"
          className="btn btn-ghost"
          disabled={busy}
          onClick={() => void run(() => removeRule(target.id), t("rules.removed"))}
        >
          {t("rules.remove")}
        </button>
      )}
      <span className="threshold-note" aria-live="polite">
        {note.error ? <span className="error-text">{note.error}</span> : note.text}
      </span>
    </form>
  );
}
