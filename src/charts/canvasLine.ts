/**
 * The geometry of the live chart's line drawn on a canvas: data to plot pixels, breaks at missing
 * data, the backing store's size at the device pixel ratio. No DOM here, so it is tested alone.
 */
import type { ChartPoint, Thresholds } from "./chartTypes";
import { type StrokeStop, strokeStops } from "./yDomain";

/** What the tracer draws with: a CanvasRenderingContext2D or Path2D, or a recorder in tests. */
export interface PathSink {
  moveTo(x: number, y: number): void;
  lineTo(x: number, y: number): void;
}

/** A recharts axis scale: data value to chart pixel; undefined outside what it can map. */
export type PixelScale = (value: number) => number | undefined;

/**
 * Traces `points` into `sink` in pixels relative to (`originX`, `originY`), the plot's top left.
 * A `v: null` (or a value a scale cannot map) is a break: the pen lifts, and nothing is drawn
 * across it. Returns the number of runs started.
 */
export function traceLine(
  sink: PathSink,
  points: readonly ChartPoint[],
  x: PixelScale,
  y: PixelScale,
  originX: number,
  originY: number,
): number {
  let runs = 0;
  let pen = false;
  for (const point of points) {
    const px = point.v === null ? undefined : x(point.t);
    const py = point.v === null ? undefined : y(point.v);
    if (px === undefined || py === undefined || !Number.isFinite(px) || !Number.isFinite(py)) {
      pen = false;
      continue;
    }
    if (pen) sink.lineTo(px - originX, py - originY);
    else {
      sink.moveTo(px - originX, py - originY);
      runs++;
      pen = true;
    }
  }
  return runs;
}

/** The canvas backing store for a CSS box at a device pixel ratio (at least 1 px each way). */
export function backingSize(
  cssWidth: number,
  cssHeight: number,
  ratio: number,
): { width: number; height: number; ratio: number } {
  const r = Number.isFinite(ratio) && ratio > 0 ? ratio : 1;
  return {
    width: Math.max(1, Math.round(cssWidth * r)),
    height: Math.max(1, Math.round(cssHeight * r)),
    ratio: r,
  };
}

/**
 * The line's colour stops over the plot height (0 at the top): the alert colour beyond the
 * thresholds' rows (plot-relative pixels), the line colour between, as the SVG gradient had.
 */
export function lineStops(height: number, highRow?: number, lowRow?: number): StrokeStop[] {
  const at = (row: number) => (height > 0 ? Math.min(1, Math.max(0, row / height)) : 0);
  const high = highRow === undefined ? 0 : at(highRow);
  return strokeStops({ high, low: lowRow === undefined ? 1 : Math.max(high, at(lowRow)) });
}

/** Whether a value is drawn in the alert colour: above the high threshold or below the low one. */
export function beyondThresholds(value: number, thresholds: Thresholds | undefined): boolean {
  const { low, high } = thresholds ?? {};
  return (high !== undefined && value > high) || (low !== undefined && value < low);
}
