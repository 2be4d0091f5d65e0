import { describe, expect, it } from "vitest";
import type { AlertInfo } from "../../protocol/messages";
import { type AlertFilter, countByState, filterAlerts, filterFromQuery, shownState } from "./alertFilter";

function alert(id: string, patch: Partial<AlertInfo>): AlertInfo {
  return {
    id,
    rule: "r",
    device: "thermo-001",
    metric: "temperature",
    state: "firing",
    since: 0,
    value: 1,
    acknowledged: null,
    severity: "warning",
    ...patch,
  };
}

const kinds: Record<string, "thermostat" | "meter"> = { "thermo-001": "thermostat", "meter-001": "meter" };
const kindOf = (device: string) => kinds[device];
const ack = { by: "anonymous", at: 5, comment: "seen" };
const alerts = [
  alert("a", { since: 10 }),
  alert("b", { since: 30, severity: "critical", device: "meter-001" }),
  alert("c", { since: 20, acknowledged: ack }),
  alert("d", { since: 40, state: "pending" }),
  alert("e", { since: 5, state: "no_data", value: null }),
];
const none: AlertFilter = { severity: "", kind: "", device: "", state: "" };

describe("alerts page filter", () => {
  it("shows a firing alert someone acknowledged as acknowledged", () => {
    expect(alerts.map(shownState)).toEqual(["firing", "firing", "acknowledged", "pending", "no_data"]);
    expect(countByState(alerts)).toEqual({ firing: 2, acknowledged: 1, pending: 1, no_data: 1, resolved: 0 });
  });

  it("orders newest first and filters by severity, kind, device and state", () => {
    const ids = (filter: Partial<AlertFilter>) =>
      filterAlerts(alerts, { ...none, ...filter }, kindOf).map((a) => a.id);
    expect(ids({})).toEqual(["d", "b", "c", "a", "e"]);
    expect(ids({ severity: "critical" })).toEqual(["b"]);
    expect(ids({ kind: "thermostat" })).toEqual(["d", "c", "a", "e"]);
    expect(ids({ device: "meter-001" })).toEqual(["b"]);
    expect(ids({ state: "acknowledged" })).toEqual(["c"]);
    expect(ids({ state: "firing", kind: "thermostat" })).toEqual(["a"]);
    expect(filterAlerts(alerts, { ...none, state: "pending" }, kindOf, false)).toHaveLength(5);
  });

  it("reads the filter from the URL, dropping unknown values", () => {
    expect(
      filterFromQuery(new URLSearchParams("severity=critical&kind=meter&device=meter-001&state=no_data")),
    ).toEqual({
      severity: "critical",
      kind: "meter",
      device: "meter-001",
      state: "no_data",
    });
    expect(filterFromQuery(new URLSearchParams("severity=loud&kind=boat&state=ok"))).toEqual(none);
  });
});
