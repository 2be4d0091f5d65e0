import { describe, expect, it } from "vitest";
import { gapEvent } from "./eventMessages";

describe("gapEvent", () => {
  it("says how many samples and how long, at the device's rate", () => {
    expect(gapEvent("t1", "Attic thermostat", 101, 700, 10)).toEqual({
      kind: "device",
      level: "warning",
      device: "t1",
      message: "Attic thermostat: lost 600 samples (about 60 s), no longer held by the server",
    });
    expect(gapEvent("t1", "A", 5, 5, 50).message).toBe(
      "A: lost 1 sample (about 20 ms), no longer held by the server",
    );
    expect(gapEvent("t1", "A", 1, 25, 10).message).toContain("(about 2.5 s)");
    expect(gapEvent("t1", "A", 1, 3, undefined).message).toBe(
      "A: lost 3 samples, no longer held by the server",
    );
  });
});
