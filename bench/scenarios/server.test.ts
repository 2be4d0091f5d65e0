import { describe, expect, it } from "vitest";
import { stepCounts } from "./server";

describe("server scenario steps", () => {
  it("runs 100 to 5,000 clients, the quick run 50 and 200, unless BENCH_SERVER_CLIENTS names them", () => {
    expect(stepCounts(false, undefined)).toEqual([100, 500, 1000, 2000, 5000]);
    expect(stepCounts(true, "")).toEqual([50, 200]);
    expect(stepCounts(false, "2000, 5000")).toEqual([2000, 5000]);
  });

  it.each(["0", "2000,x", "7000", "1.5"])("refuses BENCH_SERVER_CLIENTS=%s", (value) => {
    expect(() => stepCounts(false, value)).toThrow(
      `BENCH_SERVER_CLIENTS must be integers from 1 to 6000, got "${value}"`,
    );
  });
});
