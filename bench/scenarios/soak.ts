/**
 * `soak`: the overview for `--minutes` (default 10) with the JS heap sampled after forced GC,
 * then half as long (at most 5 minutes) with the tab hidden, then shown again. Reports the heap
 * slope after warm-up, DOM counters and RSS, and the growth while hidden.
 */
import type { CDPSession } from "@playwright/test";
import { domCounters, heapAfterGcMb, rendererPid, rendererRssMb } from "../lib/browser";
import { measureWindow, type PageWindow, toFigures } from "../lib/measurePage";
import { requestMemoryDumps } from "../lib/memoryDump";
import type { OpenTarget } from "../lib/openTarget";
import { rssBreakdown } from "../lib/procStats";
import type { SummaryFigures, Target } from "../lib/results";
import { round, slope } from "../lib/stats";
import { measureFor, type Scenario } from "./context";
import { noteHook, record, traced, withBrowser, withTarget } from "./pageScenario";

/** The renderer's memory at one moment of the soak: RSS by kind and who holds it. */
export interface MemorySample {
  /** Minutes since the visible window opened (negative: warm-up; past `minutes`: hidden phase). */
  minute: number;
  heap_mb: number;
  rss_mb: number | null;
  rss_anon_mb: number | null;
  rss_shmem_mb: number | null;
  rss_file_mb: number | null;
  private_footprint_mb: number | null;
  /** memory-infra allocator sizes (MB); see bench/lib/memoryDump.ts. Null when no dump came. */
  allocators: Record<string, number> | null;
  details: Record<string, number> | null;
}

async function memorySample(cdp: CDPSession, browserCdp: CDPSession, minute: number): Promise<MemorySample> {
  const heap = await heapAfterGcMb(cdp);
  const pid = await rendererPid(browserCdp);
  const dumps = pid === null ? null : await requestMemoryDumps(browserCdp);
  const rss = pid === null ? null : rssBreakdown(pid);
  const dump = pid === null ? undefined : dumps?.get(pid);
  return {
    minute: round(minute, 2) ?? 0,
    heap_mb: round(heap, 2) ?? 0,
    rss_mb: round(rss?.rss),
    rss_anon_mb: round(rss?.anon),
    rss_shmem_mb: round(rss?.shmem),
    rss_file_mb: round(rss?.file),
    private_footprint_mb: dump?.private_footprint_mb ?? null,
    allocators: dump?.allocators ?? null,
    details: dump?.details ?? null,
  };
}

/** One progress line per memory sample: the series is readable while a long soak runs. */
export function describeSample(target: string, sample: MemorySample): string {
  const a = sample.allocators ?? {};
  const top = Object.entries(a)
    .filter(([name]) => name !== "shared_memory")
    .sort((x, y) => y[1] - x[1])
    .slice(0, 6)
    .map(([name, mb]) => `${name} ${Math.round(mb)}`)
    .join(", ");
  return `soak ${target} min ${sample.minute}: rss ${Math.round(sample.rss_mb ?? 0)} MB (anon ${Math.round(sample.rss_anon_mb ?? 0)}, shmem ${Math.round(sample.rss_shmem_mb ?? 0)}), heap ${sample.heap_mb}; ${top}`;
}

export interface SoakResult {
  visible: PageWindow;
  /** Renderer memory once a minute (every sample in a quick run), warm-up and hidden phase included. */
  memory_samples: MemorySample[];
  /** Heap after GC (MB) against minutes since the window started. */
  heap_samples: [number, number][];
  heap_slope_mb_per_min: number | null;
  hidden: {
    minutes: number;
    emulated: true;
    heap_before_mb: number;
    heap_after_mb: number;
    growth_mb: number;
    dom_nodes_before: number;
    dom_nodes_after: number;
    renderer_rss_before_mb: number | null;
    renderer_rss_after_mb: number | null;
  };
}

async function soakTarget(
  open: OpenTarget,
  minutes: number,
  quick: boolean,
  log: (message: string) => void,
  trace?: string,
): Promise<SoakResult> {
  const { cdp, browserCdp } = open.metered;
  const memory: MemorySample[] = [];
  let started = performance.now();
  const sampleMemory = async () => {
    const sample = await memorySample(cdp, browserCdp, (performance.now() - started) / 60_000);
    memory.push(sample);
    log(describeSample(open.target, sample));
    return sample;
  };
  await open.page.evaluate(() => window.__benchProbe?.startScrolling(4));
  const warmupMs = quick ? 3000 : 60_000;
  started = performance.now() + warmupMs;
  await sampleMemory();
  await measureFor(warmupMs);
  const visibleMs = minutes * 60_000;
  const sampleEvery = quick ? 5000 : 30_000;
  const samples: [number, number][] = [];
  started = performance.now();
  const sampleHeap = async () => {
    let count = 0;
    while (performance.now() - started + sampleEvery < visibleMs) {
      await measureFor(sampleEvery);
      // Once a minute the heap comes with RSS and an allocator dump (itself after a GC).
      if (quick || ++count % 2 === 0) {
        const sample = await sampleMemory();
        samples.push([sample.minute, sample.heap_mb]);
      } else {
        samples.push([(performance.now() - started) / 60_000, await heapAfterGcMb(cdp)]);
      }
    }
  };
  const visible = await traced(open, trace, () =>
    measureWindow(open.metered, open.server, visibleMs, sampleHeap),
  );
  samples.unshift([0, visible.memory.heap_start_mb]);
  samples.push([(performance.now() - started) / 60_000, visible.memory.heap_end_mb]);
  await sampleMemory();

  const hiddenMinutes = Math.min(5, minutes / 2);
  const heapBefore = await heapAfterGcMb(cdp);
  const domBefore = await domCounters(cdp);
  const rssBefore = await rendererRssMb(browserCdp);
  await open.page.evaluate(() => window.__benchProbe?.setHidden(true));
  await measureFor(hiddenMinutes * 60_000);
  await open.page.evaluate(() => window.__benchProbe?.setHidden(false));
  await measureFor(quick ? 2000 : 10_000);
  const heapAfter = await heapAfterGcMb(cdp);
  const domAfter = await domCounters(cdp);
  await sampleMemory();
  return {
    visible,
    memory_samples: memory,
    heap_samples: samples.map(([m, mb]) => [round(m, 3) ?? 0, round(mb, 2) ?? 0]),
    heap_slope_mb_per_min: round(
      slope(
        samples.map(([m]) => m),
        samples.map(([, mb]) => mb),
      ),
      3,
    ),
    hidden: {
      minutes: hiddenMinutes,
      emulated: true,
      heap_before_mb: round(heapBefore, 2) ?? 0,
      heap_after_mb: round(heapAfter, 2) ?? 0,
      growth_mb: round(heapAfter - heapBefore, 2) ?? 0,
      dom_nodes_before: domBefore.nodes,
      dom_nodes_after: domAfter.nodes,
      renderer_rss_before_mb: round(rssBefore),
      renderer_rss_after_mb: round(await rendererRssMb(browserCdp)),
    },
  };
}

export const runSoak: Scenario = async (context) => {
  const { quick, soakMinutes } = context.options;
  const notes: string[] = [
    "hidden phase is emulated: headless Chromium never hides a page, so the probe reports visibilityState 'hidden', fires visibilitychange and holds rAF callbacks",
  ];
  // A quick run soaks only ours: the peers' soak is the long one worth waiting for.
  const targets = quick ? context.options.targets.filter((t) => t === "ours") : context.options.targets;
  if (quick) notes.push("quick run: peers skipped in soak");
  const results: Partial<Record<Target, SoakResult>> = {};
  const summary: Partial<Record<Target, SummaryFigures>> = {};
  const spec = {
    fleet: { devices: 2000, rate: 10, extraFlags: ["--max-subscriptions", "10000"] },
    hash: "#/",
  };
  await withBrowser(async (browser) => {
    for (const target of targets) {
      context.log(`soak: ${target} for ${soakMinutes} min visible`);
      const result = await withTarget(browser, target, spec, notes, (open) =>
        soakTarget(open, soakMinutes, quick, context.log),
      );
      noteHook(target, result?.visible ?? null, notes);
      if (result) {
        results[target] = result;
        summary[target] = toFigures(result.visible);
      }
    }
  });
  return record("soak", context, summary, { ...spec, minutes: soakMinutes, results }, notes);
};
