/**
 * Who holds a Chromium process's memory: one `memory-infra` dump (the data behind
 * chrome://tracing's memory panel), taken through CDP `Tracing.requestMemoryDump` and summed per
 * allocator: malloc (PartitionAlloc-Everywhere on Debian's build), partition_alloc (Blink's
 * buffers, strings, array buffers), v8, blink_gc, skia, cc (compositor tiles), canvas, gpu,
 * discardable, shared_memory...
 */
import type { CDPSession } from "@playwright/test";

interface DumpAttribute {
  units?: string;
  value?: string;
}

interface DumpNode {
  attrs?: Record<string, DumpAttribute>;
}

interface TraceEvent {
  ph?: string;
  pid?: number;
  args?: {
    dumps?: {
      process_totals?: Record<string, string | boolean>;
      allocators?: Record<string, DumpNode>;
    };
  };
}

export interface ProcessMemoryDump {
  pid: number;
  /** Chromium's own figure of what the process costs the system (private anonymous + swap), MB. */
  private_footprint_mb: number | null;
  /**
   * MB per top-level allocator: its `size`, or the sum of its direct children's when it has
   * none (cc, skia and discardable are containers). Allocators overlap (malloc holds what
   * partition_alloc's Blink partitions and v8's malloc report), so they do not add up to RSS.
   */
  allocators: Record<string, number>;
  /** MB per second-level dump with a size (malloc/allocated_objects, v8/main, cc/resource_memory...). */
  details: Record<string, number>;
}

const MB = 2 ** 20;

/** Bytes of a dump node's `size` attribute (hex string in trace events), or null. */
function sizeBytes(node: DumpNode | undefined): number | null {
  const size = node?.attrs?.size;
  if (!size?.value || size.units !== "bytes") return null;
  const bytes = Number.parseInt(size.value, 16);
  return Number.isFinite(bytes) ? bytes : null;
}

function mb(bytes: number): number {
  return Math.round((bytes / MB) * 100) / 100;
}

/** One process's allocator dump, summed to the first two levels of its names. */
export function summarizeAllocators(allocators: Record<string, DumpNode>): {
  allocators: Record<string, number>;
  details: Record<string, number>;
} {
  const top = new Map<string, number | null>();
  const childSums = new Map<string, number>();
  const details: Record<string, number> = {};
  for (const [name, node] of Object.entries(allocators)) {
    const parts = name.split("/");
    const root = parts[0] ?? name;
    const bytes = sizeBytes(node);
    if (parts.length === 1) {
      top.set(root, bytes);
    } else if (parts.length === 2) {
      if (!top.has(root)) top.set(root, null);
      if (bytes !== null) {
        childSums.set(root, (childSums.get(root) ?? 0) + bytes);
        // One entry per segment would bury the rest: shared_memory's total says enough.
        if (root !== "shared_memory") details[name] = mb(bytes);
      }
    }
  }
  const summed: Record<string, number> = {};
  for (const [name, bytes] of top) {
    const total = bytes ?? childSums.get(name);
    if (total !== undefined) summed[name] = mb(total);
  }
  return { allocators: summed, details };
}

/**
 * The memory dumps in trace events, by process id. A process's dump arrives as two `ph: "v"`
 * events (its totals, then its allocators); they are merged.
 */
export function parseMemoryDumps(events: readonly unknown[]): Map<number, ProcessMemoryDump> {
  const dumps = new Map<number, ProcessMemoryDump>();
  for (const raw of events) {
    const event = (raw ?? {}) as TraceEvent;
    const body = event.args?.dumps;
    if (event.ph !== "v" || event.pid === undefined || !body) continue;
    const dump = dumps.get(event.pid) ?? {
      pid: event.pid,
      private_footprint_mb: null,
      allocators: {},
      details: {},
    };
    const footprint = body.process_totals?.private_footprint_bytes;
    if (typeof footprint === "string") dump.private_footprint_mb = mb(Number.parseInt(footprint, 16));
    if (body.allocators) {
      const summary = summarizeAllocators(body.allocators);
      Object.assign(dump.allocators, summary.allocators);
      Object.assign(dump.details, summary.details);
    }
    dumps.set(event.pid, dump);
  }
  return dumps;
}

/**
 * Takes one detailed memory dump of every Chromium process through a browser-level CDP session.
 * Null when tracing is busy (a `--trace` run holds it) or the dump fails.
 */
export async function requestMemoryDumps(
  browserCdp: CDPSession,
): Promise<Map<number, ProcessMemoryDump> | null> {
  const events: unknown[] = [];
  const collect = (batch: { value: unknown[] }) => events.push(...batch.value);
  browserCdp.on("Tracing.dataCollected", collect);
  try {
    const complete = new Promise<void>((done) => browserCdp.once("Tracing.tracingComplete", () => done()));
    await browserCdp.send("Tracing.start", {
      transferMode: "ReportEvents",
      traceConfig: {
        includedCategories: ["disabled-by-default-memory-infra"],
        excludedCategories: ["*"],
        // No periodic dumps, only the one requested below. Playwright types this field as
        // string-valued; Chromium reads it as the trace config's memory_dump_config object.
        memoryDumpConfig: { triggers: [] } as unknown as Record<string, string>,
      },
    });
    const { success } = await browserCdp.send("Tracing.requestMemoryDump", {
      deterministic: true,
      levelOfDetail: "detailed",
    });
    await browserCdp.send("Tracing.end");
    await complete;
    return success ? parseMemoryDumps(events) : null;
  } catch {
    return null;
  } finally {
    browserCdp.off("Tracing.dataCollected", collect);
  }
}
