import { describe, expect, it } from "vitest";
import type { AlertInfo } from "../protocol/messages";
import { applyAlerts, EMPTY_ALERTS } from "./alertIndex";

function alert(id: string, device: string, state: AlertInfo["state"], since: number): AlertInfo {
  return {
    id,
    rule: "r",
    device,
    metric: "temperature",
    state,
    since,
    value: 1,
    acknowledged: null,
    severity: "warning",
  };
}

describe("applyAlerts", () => {
  it("a snapshot replaces every alert and groups them per device, newest first", () => {
    const before = applyAlerts(EMPTY_ALERTS, [alert("old", "d9", "firing", 1)], true);
    const index = applyAlerts(
      before,
      [alert("a", "d1", "pending", 10), alert("b", "d1", "firing", 20)],
      true,
    );
    expect(Object.keys(index.byId)).toEqual(["a", "b"]);
    expect(index.byDevice.d1?.map((a) => a.id)).toEqual(["b", "a"]);
    expect(index.byDevice.d9).toBeUndefined();
  });

  it("a transition updates its alert, a resolved one leaves, other devices keep their arrays", () => {
    const start = applyAlerts(
      EMPTY_ALERTS,
      [alert("a", "d1", "pending", 10), alert("c", "d2", "firing", 5)],
      true,
    );
    const fired = applyAlerts(start, [alert("a", "d1", "firing", 13)], false);
    expect(fired.byId.a?.state).toBe("firing");
    expect(fired.byDevice.d2).toBe(start.byDevice.d2);
    const resolved = applyAlerts(fired, [alert("a", "d1", "resolved", 30)], false);
    expect(resolved.byId.a).toBeUndefined();
    expect(resolved.byDevice.d1).toBeUndefined();
    expect(resolved.byDevice.d2?.map((a) => a.id)).toEqual(["c"]);
  });
});
