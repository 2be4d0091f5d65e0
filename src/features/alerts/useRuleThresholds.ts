import { useEffect } from "react";
import type { Thresholds } from "../../charts/chartTypes";
import type { DeviceKind, MetricInfo } from "../../protocol/messages";
import { declaredThresholds, rulesFor, thresholdsOf } from "./ruleModel";
import { loadRules, useRules } from "./ruleStore";

/**
 * The thresholds a chart draws for one metric of one device: those of the server's rules in force
 * for it; until they are read (or on a server without rules), the device's declared typical limits.
 */
export function useRuleThresholds(
  device: { id: string; kind: DeviceKind } | undefined,
  metric: MetricInfo,
): Thresholds {
  const rules = useRules((s) => s.rules);
  useEffect(() => {
    void loadRules();
  }, []);
  if (!rules || !device) return declaredThresholds(metric);
  return thresholdsOf(rulesFor(rules, device, metric.key).rules);
}
