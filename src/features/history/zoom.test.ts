import { describe, expect, it } from "vitest";
import { longerWindow, zoomOut } from "./zoom";

const H = 3_600_000;

describe("zoomOut", () => {
  it("goes to the next longer window from a window ending now, and stops at 30 days", () => {
    expect(zoomOut("15m", undefined, 0)).toEqual({ window: "1h" });
    expect(zoomOut("24h", undefined, 0)).toEqual({ window: "7d" });
    expect(zoomOut("30d", undefined, 0)).toBeUndefined();
    expect(longerWindow("30d")).toBeUndefined();
  });

  it("triples a range around its middle, never past now", () => {
    const now = 100 * H;
    expect(zoomOut("24h", { from: 50 * H, to: 51 * H }, now)).toEqual({
      window: "24h",
      range: { from: 49 * H, to: 52 * H },
    });
    expect(zoomOut("24h", { from: 99 * H, to: 100 * H }, now)).toEqual({
      window: "24h",
      range: { from: 97 * H, to: 100 * H },
    });
  });

  it("returns to a live window once the range is as long as the window it came from", () => {
    expect(zoomOut("1h", { from: 10 * H, to: 10 * H + 30 * 60_000 }, 100 * H)).toEqual({ window: "6h" });
  });
});
