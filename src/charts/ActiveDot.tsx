import {
  DefaultZIndexes,
  useActiveTooltipDataPoints,
  useXAxisScale,
  useYAxisScale,
  ZIndexLayer,
} from "recharts";
import { beyondThresholds } from "./canvasLine";
import type { ChartPoint, Thresholds } from "./chartTypes";

export interface ActiveDotProps {
  thresholds: Thresholds | undefined;
}

/**
 * The dot on the live line at the sample under the pointer, as recharts' `<Line activeDot>` drew
 * it before the line moved to a canvas: one circle from the tooltip's active data point, none
 * while nothing is hovered. In the line's colour, or the alert colour where the line is.
 */
export function ActiveDot({ thresholds }: ActiveDotProps) {
  const active = useActiveTooltipDataPoints<ChartPoint>();
  const x = useXAxisScale();
  const y = useYAxisScale();
  const point = active?.[0];
  if (!point || point.v === null || !x || !y) return null;
  const cx = x(point.t);
  const cy = y(point.v);
  if (cx === undefined || cy === undefined || !Number.isFinite(cx) || !Number.isFinite(cy)) return null;
  const alert = beyondThresholds(point.v, thresholds);
  return (
    <ZIndexLayer zIndex={DefaultZIndexes.activeDot}>
      <circle
        className="live-chart-active-dot"
        data-alert={alert}
        cx={cx}
        cy={cy}
        r={4}
        // recharts' default active dot: the line's colour, ringed by the background.
        style={{
          fill: alert ? "var(--chart-threshold)" : "var(--chart-line)",
          stroke: "var(--surface)",
          strokeWidth: 2,
        }}
        pointerEvents="none"
      />
    </ZIndexLayer>
  );
}
