/**
 * Where a traced window's main-thread time went: inclusive milliseconds per trace event name on
 * the renderer's main thread (CrRendererMain), from a Chrome trace written by `--trace`.
 * Events nest (RunTask > FunctionCall > ...), so the figures overlap; read them as "time inside".
 */
import { readFileSync } from "node:fs";

interface ProfileNode {
  id: number;
  callFrame: { functionName?: string; url?: string; lineNumber?: number; columnNumber?: number };
}

interface TraceEvent {
  name?: string;
  ph?: string;
  pid?: number;
  tid?: number;
  dur?: number;
  id?: string;
  args?: {
    name?: string;
    data?: { cpuProfile?: { nodes?: ProfileNode[]; samples?: number[] }; timeDeltas?: number[] };
  };
}

export interface TraceSummary {
  /** Sum of top-level RunTask durations (ms). */
  task_ms: number;
  /** The heaviest event names by inclusive time (ms), largest first. */
  by_event: Record<string, number>;
  /**
   * JS self time (ms) of the heaviest functions of the renderer's V8 sampling profile, keyed
   * `name url:line:column` (0-based line and column, so a source map of the bundle names them).
   */
  self_ms?: Record<string, number>;
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
  const pid = Number(main.split(":")[0]);
  const self = selfTimes(events.filter((e) => e.pid === pid));
  return {
    task_ms: Math.round(totals.get("RunTask") ?? 0),
    by_event: topMs(totals, top),
    ...(self.size > 0 ? { self_ms: topMs(self, top) } : {}),
  };
}

function topMs(totals: Map<string, number>, top: number): Record<string, number> {
  const sorted = [...totals.entries()].sort((a, b) => b[1] - a[1]).slice(0, top);
  return Object.fromEntries(sorted.map(([name, ms]) => [name, Math.round(ms * 10) / 10]));
}

/**
 * Self time per function from the profile with the most samples among `events` (the renderer
 * process's `ProfileChunk` events; workers have profiles of their own): each sample's time delta
 * is charged to the node it sampled. Nodes and samples arrive spread over chunks, by profile id.
 */
function selfTimes(events: TraceEvent[]): Map<string, number> {
  const profiles = new Map<string, { frames: Map<number, string>; samples: number[]; deltas: number[] }>();
  for (const e of events) {
    if (e.name !== "ProfileChunk" || e.id === undefined) continue;
    const data = e.args?.data;
    let profile = profiles.get(e.id);
    if (!profile) {
      profile = { frames: new Map(), samples: [], deltas: [] };
      profiles.set(e.id, profile);
    }
    for (const node of data?.cpuProfile?.nodes ?? []) {
      const f = node.callFrame;
      const where = f.url ? ` ${f.url.replace(/^.*\//, "")}:${f.lineNumber}:${f.columnNumber}` : "";
      profile.frames.set(node.id, `${f.functionName || "(anonymous)"}${where}`);
    }
    profile.samples.push(...(data?.cpuProfile?.samples ?? []));
    profile.deltas.push(...(data?.timeDeltas ?? []));
  }
  const busiest = [...profiles.values()].sort((a, b) => b.samples.length - a.samples.length)[0];
  const self = new Map<string, number>();
  if (!busiest) return self;
  busiest.samples.forEach((node, i) => {
    const name = busiest.frames.get(node) ?? `node ${node}`;
    if (name === "(idle)") return;
    // A delta is the time since the previous sample: charge it to this one.
    self.set(name, (self.get(name) ?? 0) + (busiest.deltas[i] ?? 0) / 1000);
  });
  return self;
}

export function summarizeTraceFile(path: string): TraceSummary | null {
  try {
    return summarizeTrace(JSON.parse(readFileSync(path, "utf8")));
  } catch {
    return null;
  }
}
