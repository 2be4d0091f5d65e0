import { useLayoutEffect, useRef } from "react";
import { DefaultZIndexes, usePlotArea, useXAxisScale, useYAxisScale, ZIndexLayer } from "recharts";
import { backingSize, lineStops, type PixelScale, traceLine } from "./canvasLine";
import type { ChartPoint, Thresholds } from "./chartTypes";

export interface CanvasLineProps {
  points: readonly ChartPoint[];
  thresholds: Thresholds | undefined;
  strokeWidth?: number;
}

interface LineColours {
  line: string;
  alert: string;
}

/** The line colours by theme (`data-theme` on the root, src/app/theme.ts, which sets them). */
const coloursByTheme = new Map<string, LineColours>();

/**
 * The line's colours in the page's theme, read from the canvas' computed style once per theme:
 * getComputedStyle at each draw forced a style recalculation (~0.7 ms a draw in the profile).
 */
function lineColours(canvas: HTMLCanvasElement): LineColours {
  const theme = document.documentElement.dataset.theme ?? "";
  let colours = coloursByTheme.get(theme);
  if (!colours) {
    const style = getComputedStyle(canvas);
    const line = style.getPropertyValue("--chart-line").trim();
    const alert = style.getPropertyValue("--chart-threshold").trim();
    // Remembered only once the stylesheet gave both; until then, the light theme's colours.
    if (!line || !alert) return { line: line || "#1f5fbf", alert: alert || "#b3261e" };
    colours = { line, alert };
    coloursByTheme.set(theme, colours);
  }
  return colours;
}

/**
 * The live chart's dense line, drawn inside a recharts chart on a canvas over its plot area with
 * recharts' own scales: recharts keeps the axes, grid, spans, thresholds and tooltip in SVG, and
 * the line costs no SVG path (no `d` attribute of a thousand points, no `getTotalLength`). It turns
 * to the alert colour beyond the thresholds and breaks at missing data, as the SVG line did.
 */
export function CanvasLine(props: CanvasLineProps) {
  const plot = usePlotArea();
  const x = useXAxisScale();
  const y = useYAxisScale();
  if (!plot || !x || !y || plot.width <= 0 || plot.height <= 0) return null;
  return (
    <ZIndexLayer zIndex={DefaultZIndexes.line}>
      <foreignObject
        className="live-line-layer"
        x={plot.x}
        y={plot.y}
        width={plot.width}
        height={plot.height}
        pointerEvents="none"
      >
        <LineCanvas {...props} plot={plot} x={x} y={y} />
      </foreignObject>
    </ZIndexLayer>
  );
}

interface LineCanvasProps extends CanvasLineProps {
  plot: { x: number; y: number; width: number; height: number };
  x: PixelScale;
  y: PixelScale;
}

/**
 * The canvas itself. Its own component, so that it draws when it is mounted: the layer above is
 * a portal that recharts mounts a render later, after the chart's own effects have run.
 */
function LineCanvas({ points, thresholds, strokeWidth = 1.6, plot, x, y }: LineCanvasProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  useLayoutEffect(() => {
    const canvas = ref.current;
    const context = canvas?.getContext("2d");
    if (!canvas || !context) return;
    const size = backingSize(plot.width, plot.height, window.devicePixelRatio);
    if (canvas.width !== size.width) canvas.width = size.width;
    if (canvas.height !== size.height) canvas.height = size.height;
    context.setTransform(size.ratio, 0, 0, size.ratio, 0, 0);
    context.clearRect(0, 0, plot.width, plot.height);

    const row = (value: number | undefined) => {
      const at = value === undefined ? undefined : y(value);
      return at === undefined || !Number.isFinite(at) ? undefined : at - plot.y;
    };
    const { line, alert } = lineColours(canvas);
    const gradient = context.createLinearGradient(0, 0, 0, plot.height);
    for (const stop of lineStops(plot.height, row(thresholds?.high), row(thresholds?.low))) {
      gradient.addColorStop(stop.offset, stop.alert ? alert : line);
    }
    context.strokeStyle = gradient;
    context.lineWidth = strokeWidth;
    context.lineJoin = "round";
    context.lineCap = "round";
    context.beginPath();
    const runs = traceLine(context, points, x, y, plot.x, plot.y);
    context.stroke();
    canvas.dataset.runs = String(runs);
  });
  return (
    <canvas
      ref={ref}
      className="live-line-canvas"
      style={{ width: plot.width, height: plot.height, display: "block" }}
    />
  );
}
