/** Which rows of a windowed card grid are on screen. Pure, so it is unit-tested without a DOM. */

export interface GridMetrics {
  /** Width available to the grid (px). */
  width: number;
  /** Smallest card width (px) and the gap between cards (px). */
  minCardWidth: number;
  gap: number;
  /** Card height plus the gap below it (px). */
  rowHeight: number;
}

export interface VisibleRange {
  columns: number;
  rows: number;
  /** First and one-past-last item index to render (whole rows, with overscan). */
  start: number;
  end: number;
  /** First rendered row, for the offset of the rendered slice. */
  firstRow: number;
}

/** Columns that fit; at least one. */
export function columnsFor(grid: Pick<GridMetrics, "width" | "minCardWidth" | "gap">): number {
  return Math.max(1, Math.floor((grid.width + grid.gap) / (grid.minCardWidth + grid.gap)));
}

/**
 * The items to render for a viewport: `top` is the grid's top relative to the viewport (negative
 * once scrolled past), `viewportHeight` the window's height. `overscan` whole rows are added on
 * each side so fast scrolling and Tab into the next row find cards already there; by default a
 * screenful, at least one row and at most two (a wall screen already shows many).
 */
export function visibleRange(
  count: number,
  grid: GridMetrics,
  top: number,
  viewportHeight: number,
  overscan = Math.min(2, Math.max(1, Math.ceil(viewportHeight / grid.rowHeight))),
): VisibleRange {
  const columns = columnsFor(grid);
  const rows = Math.ceil(count / columns);
  const firstVisible = Math.floor(Math.max(0, -top) / grid.rowHeight);
  const lastVisible = Math.ceil(Math.max(0, viewportHeight - top) / grid.rowHeight);
  const firstRow = Math.max(0, Math.min(rows, firstVisible - overscan));
  const endRow = Math.max(firstRow, Math.min(rows, lastVisible + overscan));
  return {
    columns,
    rows,
    start: Math.min(count, firstRow * columns),
    end: Math.min(count, endRow * columns),
    firstRow,
  };
}
