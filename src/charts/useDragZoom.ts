/**
 * Drag across a chart to choose a time range: pointer positions on the plot become times on its
 * X axis. The plot's left edge is the Y axis width, its right edge the chart's right margin.
 */
import { type PointerEvent, useState } from "react";

/** Pixels a drag must cover to count as a selection (a click is not a zoom). */
const MIN_DRAG_PX = 6;

export interface DragGeometry {
  /** X of the plot's left edge and its width, px from the element's left. */
  left: number;
  width: number;
  from: number;
  to: number;
}

/** The time at pixel `x` of a plot, clamped to its domain. */
export function timeAtPixel(x: number, g: DragGeometry): number {
  const share = Math.min(1, Math.max(0, (x - g.left) / Math.max(1, g.width)));
  return g.from + share * (g.to - g.from);
}

/** Pointer handlers for the plot element, and the selection in progress (times) to shade. */
export function useDragZoom(
  geometry: DragGeometry,
  onZoom: ((from: number, to: number) => void) | undefined,
) {
  const [drag, setDrag] = useState<{ x0: number; x1: number } | null>(null);
  const x = (event: PointerEvent<HTMLElement>) =>
    event.clientX - event.currentTarget.getBoundingClientRect().left;
  const handlers = onZoom
    ? {
        onPointerDown: (event: PointerEvent<HTMLElement>) => {
          if (event.button !== 0) return;
          event.currentTarget.setPointerCapture?.(event.pointerId);
          setDrag({ x0: x(event), x1: x(event) });
        },
        onPointerMove: (event: PointerEvent<HTMLElement>) => {
          if (drag) setDrag({ ...drag, x1: x(event) });
        },
        onPointerUp: (event: PointerEvent<HTMLElement>) => {
          if (!drag) return;
          const x1 = x(event);
          setDrag(null);
          if (Math.abs(x1 - drag.x0) < MIN_DRAG_PX) return;
          const a = timeAtPixel(drag.x0, geometry);
          const b = timeAtPixel(x1, geometry);
          if (Math.abs(b - a) >= 1) onZoom(Math.min(a, b), Math.max(a, b));
        },
        onPointerCancel: () => setDrag(null),
      }
    : {};
  const selection = drag
    ? {
        from: timeAtPixel(Math.min(drag.x0, drag.x1), geometry),
        to: timeAtPixel(Math.max(drag.x0, drag.x1), geometry),
      }
    : undefined;
  return { handlers, selection };
}
