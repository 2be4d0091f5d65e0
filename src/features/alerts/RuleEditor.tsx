import { useEffect } from "react";
import { t } from "../../i18n/i18n";
import type { DeviceKind, MetricInfo } from "../../protocol/messages";
import { usePermission } from "../access/usePermission";
import { MetricRuleForm } from "./MetricRuleForm";
import { loadRules, useRules } from "./ruleStore";

interface Props {
  device: { id: string; kind: DeviceKind };
  metrics: readonly MetricInfo[];
}

/**
 * The server's alert rules for one device's metrics, editable for this device or for its whole
 * kind (docs/ALERTS.md). A device rule overrides its kind's rule, which overrides the default.
 */
export function RuleEditor({ device, metrics }: Props) {
  const rules = useRules((s) => s.rules);
  const error = useRules((s) => s.error);
  const denied = usePermission("edit_rules");
  useEffect(() => {
    void loadRules();
  }, []);

  return (
    <section className="panel" aria-labelledby="rules-title">
      <h2 id="rules-title">{t("rules.title")}</h2>
      <p className="muted">{t("rules.intro")}</p>
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      {!rules && !error && <p className="muted">{t("rules.loading")}</p>}
      {denied && (
        <p className="controls-disabled" id="rules-denied">
          {t("rules.readOnly", { reason: denied })}
        </p>
      )}
      {rules && (
        // A disabled fieldset disables every field and button of the forms at once.
        <fieldset
          className="rule-fieldset"
          disabled={denied !== undefined}
          aria-describedby={denied && "rules-denied"}
        >
          {metrics.map((metric) => (
            <MetricRuleForm key={metric.key} device={device} metric={metric} rules={rules} />
          ))}
        </fieldset>
      )}
    </section>
  );
}
