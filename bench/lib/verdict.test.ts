import { describe, expect, it } from "vitest";
import { testWindow } from "./testWindow";
import { judgeWindow } from "./verdict";

// 20,000 samples/s x 3 values per sample = 60,000 values/s produced.
const judge = (figures: Parameters<typeof testWindow>[0]) => judgeWindow(testWindow(figures), 3);

describe("a step's verdict", () => {
  it("passes with >= 95 % stored, none lost, >= 55 fps and latency p99 <= 250 ms", () => {
    expect(judge({ stored: 57_000, fps: 55, latencyP99: 250 })).toEqual({
      passed: true,
      failed: [],
      unknown: [],
      text: "passed",
      produced_per_s: 60_000,
      stored_share: 0.95,
    });
  });

  it.each([
    [{ stored: 56_999 }, "stored", "stored 56999 of 60000 values/s produced (94.9 % < 95 %)"],
    [{ stored: 35_977 }, "stored", "stored 35977 of 60000 values/s produced (59.9 % < 95 %)"],
    [{ lost: 1 }, "lost", "1 values lost"],
    [{ fps: 54 }, "fps", "fps 54 < 55"],
    [{ latencyP99: 251 }, "latency", "latency p99 251 ms > 250 ms"],
    [{ latencyP99: 840 }, "latency", "latency p99 840 ms > 250 ms"],
  ] as const)("fails %j and names %s", (figures, criterion, words) => {
    const verdict = judge(figures);
    expect(verdict.passed).toBe(false);
    expect(verdict.failed).toEqual([criterion]);
    expect(verdict.text).toBe(`failed: ${words}`);
  });

  it("names every criterion that failed", () => {
    const verdict = judge({ stored: 30_000, fps: 20, latencyP99: 900 });
    expect(verdict.failed).toEqual(["stored", "fps", "latency"]);
    expect(verdict.text).toBe(
      "failed: stored 30000 of 60000 values/s produced (50 % < 95 %); fps 20 < 55; latency p99 900 ms > 250 ms",
    );
  });

  it("never passes what it could not check", () => {
    const noHook = judge({ stored: null, lost: null, latencyP99: null });
    expect(noHook).toMatchObject({ passed: false, failed: [], unknown: ["stored", "lost", "latency"] });
    expect(noHook.text).toMatch(/^unchecked: values stored unknown \(no page hook\); lost values unknown/);
    const noCounter = judgeWindow(testWindow({ samplesPerS: null }), 3);
    expect(noCounter).toMatchObject({ passed: false, unknown: ["stored"], produced_per_s: null });
    expect(judgeWindow(testWindow(), null).unknown).toEqual(["stored"]);
    const both = judge({ fps: 30, lost: null });
    expect(both.text).toBe("failed: fps 30 < 55; unchecked: lost values unknown (no page hook)");
  });

  it("fails a page that stored nothing of what the server produced", () => {
    expect(judge({ stored: 0 }).failed).toEqual(["stored"]);
    expect(judgeWindow(testWindow({ samplesPerS: 0, stored: 0 }), 3).failed).toEqual(["stored"]);
  });
});
