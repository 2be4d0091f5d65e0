/**
 * How each of the (at most eight) compared series is drawn. Colour is never the only cue: each
 * series also has its own dash pattern, shown in the legend's swatch beside its name. The colours
 * are CSS variables (compare.css), one set per theme, chosen to stay apart from each other and
 * to keep 3:1 against the chart's background in both.
 */

export interface SeriesStyle {
  /** CSS colour, a variable set per theme. */
  color: string;
  /** SVG stroke-dasharray; "" is a solid line. */
  dash: string;
  /** Its pattern in words, for the legend's text alternative. */
  pattern: string;
}

const DASHES: [string, string][] = [
  ["", "solid"],
  ["8 4", "dashed"],
  ["2 3", "dotted"],
  ["10 3 2 3", "dash-dot"],
  ["14 4", "long dashes"],
  ["4 2 4 6", "paired dashes"],
  ["1 5", "sparse dots"],
  ["10 3 2 3 2 3", "dash-dot-dot"],
];

/** The style of the series at `index` in the list (stable while the list keeps its order). */
export function seriesStyle(index: number): SeriesStyle {
  const slot = index % DASHES.length;
  const [dash, pattern] = DASHES[slot] as [string, string];
  return { color: `var(--compare-${slot + 1})`, dash, pattern };
}
