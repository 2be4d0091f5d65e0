/**
 * Where a traced window's main-thread time went: inclusive milliseconds per trace event name on
 * the renderer's main thread (CrRendererMain), from a Chrome trace written by `--trace`.
 * Events nest (RunTask > FunctionCall > ...), so the figures overlap; read them as "time inside".
 */
import { readFileSync } from "node:fs";

interface TraceEvent {
  name?: string;
  ph?: string;
  pid?: number;
  tid?: number;
  dur?: number;
  args?: { name?: string };
}

export interface TraceSummary {
  /** Sum of top-level RunTask durations (ms). */
  task_ms: number;
  /** The heaviest event names by inclusive time (ms), largest first. */
  by_event: Record<string, number>;
}

/** Summarises trace events (the array or `{traceEvents}` form). */
export function summarizeTrace(trace: unknown, top = 15): TraceSummary | null {
  const events: TraceEvent[] = Array.isArray(trace)
    ? (trace as TraceEvent[])
    : (((trace as { traceEvents?: TraceEvent[] }).traceEvents ?? []) as TraceEvent[]);
  const mains = events.filter(
    (e) => e.ph === "M" && e.name === "thread_name" && e.args?.name === "CrRendererMain",
  );
  const counts = new Map<string, number>();
  for (const e of events) {
    if (e.ph === "X") counts.set(`${e.pid}:${e.tid}`, (counts.get(`${e.pid}:${e.tid}`) ?? 0) + 1);
  }
  const main = mains
    .map((m) => `${m.pid}:${m.tid}`)
    .sort((a, b) => (counts.get(b) ?? 0) - (counts.get(a) ?? 0))[0];
  if (!main) return null;
  const totals = new Map<string, number>();
  for (const e of events) {
    if (e.ph !== "X" || `${e.pid}:${e.tid}` !== main || !e.name || !e.dur) continue;
    totals.set(e.name, (totals.get(e.name) ?? 0) + e.dur / 1000);
  }
  const sorted = [...totals.entries()].sort((a, b) => b[1] - a[1]).slice(0, top);
  return {
    task_ms: Math.round(totals.get("RunTask") ?? 0),
    by_event: Object.fromEntries(sorted.map(([name, ms]) => [name, Math.round(ms)])),
  };
}

export function summarizeTraceFile(path: string): TraceSummary | null {
  try {
    return summarizeTrace(JSON.parse(readFileSync(path, "utf8")));
  } catch {
    return null;
  }
}
