import { describe, expect, it } from "vitest";
import { sparklinePath } from "./Sparkline";

const box = { from: 0, to: 10, min: 0, max: 10, width: 100, height: 10 };

describe("sparklinePath", () => {
  it("maps time to x and value to y with y growing downwards", () => {
    expect(
      sparklinePath(
        [
          { t: 0, v: 0 },
          { t: 10, v: 10 },
        ],
        box,
      ),
    ).toBe("M0.0 10.0L100.0 0.0");
  });

  it("starts a new segment after a gap", () => {
    const path = sparklinePath(
      [
        { t: 0, v: 1 },
        { t: 2, v: null },
        { t: 5, v: 5 },
        { t: 6, v: Number.NaN },
        { t: 8, v: 2 },
      ],
      box,
    );
    expect(path.match(/M/g)).toHaveLength(3);
    expect(path).not.toContain("L");
  });
});
