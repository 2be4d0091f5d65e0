import { describe, expect, it } from "vitest";
import { framesPerSecond } from "./measurePage";
import { pageUrl } from "./openTarget";
import { histogramPercentile } from "./pageProbe";

describe("framesPerSecond", () => {
  it("counts frames per whole second and drops the partial last second", () => {
    const fifty = Array(50).fill(20);
    const twentyFive = Array(25).fill(40);
    expect(framesPerSecond([...fifty, ...twentyFive, 5])).toEqual([50, 25]);
  });

  it("gives a second with one long frame a count of 1", () => {
    expect(framesPerSecond([1500, 16, 16])).toEqual([1]);
  });
});

describe("histogramPercentile", () => {
  it("reads percentiles from sparse 0.5 ms buckets", () => {
    const pairs: [number, number][] = [
      [100, 90],
      [20, 5],
      [400, 5],
    ];
    expect(histogramPercentile(pairs, 5)).toBe(10.5);
    expect(histogramPercentile(pairs, 50)).toBe(50.5);
    expect(histogramPercentile(pairs, 99)).toBe(200.5);
    expect(histogramPercentile([], 50)).toBeNull();
  });
});

describe("pageUrl", () => {
  it("opens every dashboard at its bench page, all with ?bench", () => {
    expect(pageUrl("ours", "http://127.0.0.1:9", "#/")).toBe("http://127.0.0.1:9/ours/index.html?bench#/");
    expect(pageUrl("uplot", "http://127.0.0.1:9", "#/devices/a")).toBe(
      "http://127.0.0.1:9/uplot/index.html?bench#/devices/a",
    );
  });
});
