import { describe, expect, it } from "vitest";
import { describeConnection, recoveredText } from "./connectionText";

const fresh = { reconnects: 0, recoveredOnLastReconnect: 0 };

describe("describeConnection", () => {
  it("says Live, and after a reconnect how many samples were recovered", () => {
    expect(describeConnection({ status: "live", since: 0 }, fresh, 0)).toEqual({ tone: "ok", label: "Live" });
    expect(
      describeConnection({ status: "live", since: 0 }, { reconnects: 1, recoveredOnLastReconnect: 42 }, 0)
        .detail,
    ).toBe("reconnected, 42 samples recovered");
  });

  it("counts down to the next reconnect attempt", () => {
    const view = describeConnection({ status: "reconnecting", attempt: 3, nextRetryAt: 5_200 }, fresh, 1_000);
    expect(view).toEqual({ tone: "warn", label: "Reconnecting", detail: "attempt 3, next try in 5 s" });
  });

  it("names final states in words", () => {
    expect(describeConnection({ status: "unauthorized", reason: "x" }, fresh, 0).label).toBe("Unauthorized");
    expect(describeConnection({ status: "incompatible", serverProtocol: 2 }, fresh, 0).detail).toContain(
      "protocol 2",
    );
    expect(describeConnection({ status: "offline" }, fresh, 0).label).toBe("Offline");
  });
});

describe("recoveredText", () => {
  it("says none yet until a reconnect happened: the first load's replay is not a recovery", () => {
    expect(recoveredText({ reconnects: 0, recoveredOnLastReconnect: 38055 })).toBe("none yet");
    expect(recoveredText({ reconnects: 2, recoveredOnLastReconnect: 12 })).toBe("12");
  });
});
