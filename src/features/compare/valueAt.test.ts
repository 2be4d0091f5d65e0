import { describe, expect, it } from "vitest";
import { valueAt } from "./valueAt";

const points = [
  { t: 0, v: 1 },
  { t: 10, v: 2 },
  { t: 15, v: null },
  { t: 20, v: 3 },
];

describe("valueAt", () => {
  it("takes the nearest point within reach", () => {
    expect(valueAt(points, 4, 5)).toEqual({ t: 0, v: 1 });
    expect(valueAt(points, 8, 5)).toEqual({ t: 10, v: 2 });
    expect(valueAt(points, 25, 5)).toEqual({ t: 20, v: 3 });
  });

  it("gives nothing at a break, out of reach, or on no points", () => {
    expect(valueAt(points, 15, 5)).toBeUndefined();
    expect(valueAt(points, 40, 5)).toBeUndefined();
    expect(valueAt([], 1, 5)).toBeUndefined();
  });
});
