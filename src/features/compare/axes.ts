/**
 * Which chart and which Y axis each series of a comparison goes on. Series of one unit share an
 * axis; a chart holds at most two units (left and right axes), so a third unit starts a second
 * chart below rather than a third axis nobody can read.
 */

export type AxisSide = "left" | "right";

/** One chart of the comparison: its units (left, then right) and the series drawn on it. */
export interface ChartPlan {
  units: string[];
  /** Indexes into the series list, in order, with the side each is drawn against. */
  series: { index: number; axis: AxisSide }[];
}

/** Charts for series of the given units (in the order the series are listed). */
export function planCharts(units: readonly string[]): ChartPlan[] {
  const order: string[] = [];
  const charts: ChartPlan[] = [];
  units.forEach((unit, index) => {
    let u = order.indexOf(unit);
    if (u < 0) u = order.push(unit) - 1;
    const chart = Math.floor(u / 2);
    charts[chart] ??= { units: [], series: [] };
    const plan = charts[chart];
    if (!plan.units.includes(unit)) plan.units.push(unit);
    plan.series.push({ index, axis: u % 2 === 0 ? "left" : "right" });
  });
  return charts;
}
