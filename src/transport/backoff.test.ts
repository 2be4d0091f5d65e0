import { describe, expect, it } from "vitest";
import { backoffDelay } from "./backoff";

describe("backoffDelay", () => {
  it("grows from about 0.5 s to 10 s", () => {
    const mid = () => 0.5;
    expect([1, 2, 3, 4, 5, 6, 7, 20].map((n) => backoffDelay(n, {}, mid))).toEqual([
      500, 1000, 2000, 4000, 8000, 10_000, 10_000, 10_000,
    ]);
  });

  it("jitters within ±20% and never exceeds the maximum", () => {
    expect(backoffDelay(1, {}, () => 0)).toBe(400);
    expect(backoffDelay(1, {}, () => 0.999)).toBe(600);
    expect(backoffDelay(30, {}, () => 0.999)).toBe(10_000);
    expect(backoffDelay(30, {}, () => 0)).toBe(8000);
  });
});
