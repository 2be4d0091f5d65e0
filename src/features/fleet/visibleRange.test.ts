import { describe, expect, it } from "vitest";
import { columnsFor, visibleRange } from "./visibleRange";

const grid = { width: 1100, minCardWidth: 260, gap: 16, rowHeight: 200 };

describe("columnsFor", () => {
  it("fits as many minimum-width cards as the width allows, at least one", () => {
    expect(columnsFor(grid)).toBe(4);
    expect(columnsFor({ ...grid, width: 343 })).toBe(1);
    expect(columnsFor({ ...grid, width: 100 })).toBe(1);
  });
});

describe("visibleRange", () => {
  it("renders the rows on screen plus up to two rows of overscan below at the top of the page", () => {
    // Grid starts 300 px down a 900 px window: rows 0..2 are on screen, then 2 rows more.
    expect(visibleRange(2000, grid, 300, 900)).toEqual({
      columns: 4,
      rows: 500,
      start: 0,
      end: 20,
      firstRow: 0,
    });
  });

  it("follows the scroll position with overscan on both sides", () => {
    // Scrolled 10,000 px into the grid: rows 50..54 on screen, 49 and 55 overscan.
    const range = visibleRange(2000, grid, -10_000, 900, 1);
    expect(range.firstRow).toBe(49);
    expect([range.start, range.end]).toEqual([196, 224]);
  });

  it("never goes past the last item", () => {
    expect(visibleRange(10, grid, -5_000, 900)).toMatchObject({ start: 10, end: 10 });
    expect(visibleRange(10, grid, 0, 900)).toMatchObject({ start: 0, end: 10 });
    expect(visibleRange(0, grid, 0, 900)).toMatchObject({ start: 0, end: 0, rows: 0 });
  });
});
