/**
 * The last 15 minutes of this tab's link figures (round-trip time, messages/s, bytes/s), one
 * point per stats snapshot (about a second), in fixed-size typed-array rings: the Health page's
 * sparklines read them; nothing grows with time.
 */
import type { ChartPoint } from "../charts/chartTypes";
import type { ConnectionStats } from "./dashboardTypes";

/** How far back the Health page's charts go, ms. */
export const LINK_HISTORY_MS = 15 * 60_000;
/** Points kept: one a second for 15 minutes, with room for a faster clock. */
const CAPACITY = 1024;

export type LinkFigure = "rttMs" | "messagesPerSecond" | "bytesPerSecond";
const FIGURES: readonly LinkFigure[] = ["rttMs", "messagesPerSecond", "bytesPerSecond"];

export class LinkHistory {
  private readonly times = new Float64Array(CAPACITY);
  private readonly columns = new Map(FIGURES.map((figure) => [figure, new Float64Array(CAPACITY)]));
  private next = 0;
  private size = 0;

  /** Appends one snapshot taken at `at` (a missing rtt is a break in its line). */
  push(at: number, stats: ConnectionStats): void {
    this.times[this.next] = at;
    for (const figure of FIGURES) {
      const column = this.columns.get(figure) as Float64Array;
      column[this.next] = stats[figure] ?? Number.NaN;
    }
    this.next = (this.next + 1) % CAPACITY;
    this.size = Math.min(this.size + 1, CAPACITY);
  }

  /** Points of `figure` at or after `from`, oldest first. */
  points(figure: LinkFigure, from: number): ChartPoint[] {
    const column = this.columns.get(figure) as Float64Array;
    const points: ChartPoint[] = [];
    for (let i = 0; i < this.size; i++) {
      const index = (this.next - this.size + i + CAPACITY) % CAPACITY;
      const t = this.times[index] as number;
      if (t < from) continue;
      const v = column[index] as number;
      points.push({ t, v: Number.isFinite(v) ? v : null });
    }
    return points;
  }

  get length(): number {
    return this.size;
  }
}
