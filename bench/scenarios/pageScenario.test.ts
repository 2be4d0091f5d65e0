import { describe, expect, it } from "vitest";
import type { PageWindow } from "../lib/measurePage";
import { medianWindow, roundNotes } from "./pageScenario";

/** A window that only says its main-thread share (all these functions read). */
const at = (pct: number | null) => ({ main_thread: { pct } }) as PageWindow;

describe("rounds of a page scenario", () => {
  it("keeps the window with the median main thread, the lower one of an even count", () => {
    const windows = [at(13.1), at(11.7), at(12.4)];
    expect(medianWindow(windows)).toBe(windows[2]);
    const even = [at(9), at(12), at(10), at(11)];
    expect(medianWindow(even)).toBe(even[2]);
  });

  it("notes each round's main thread and ours' per-round ratio to uPlot's", () => {
    const notes = roundNotes({ ours: [at(11), at(13), at(12)], uplot: [at(10), at(13), at(15)] });
    expect(notes).toEqual([
      "main thread % by round: ours 11, 13, 12; uplot 10, 13, 15",
      "ours / uplot main thread by round: 1.1, 1, 0.8 (median 1)",
    ]);
  });

  it("leaves out the ratio of a round where either window has no figure", () => {
    const notes = roundNotes({ ours: [at(11), at(null)], uplot: [at(10), at(12)] });
    expect(notes[1]).toBe("ours / uplot main thread by round: 1.1 (median 1.1)");
  });
});
