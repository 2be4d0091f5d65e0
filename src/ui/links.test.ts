import { describe, expect, it } from "vitest";
import { overviewHref } from "./links";

describe("overviewHref", () => {
  it("drops empty overview parameters", () => {
    expect(overviewHref({ q: "", kind: "meter" })).toBe("#/?kind=meter");
    expect(overviewHref({})).toBe("#/");
  });
});
