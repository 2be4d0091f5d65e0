/**
 * `soak`: the overview for `--minutes` (default 10) with the JS heap sampled after forced GC,
 * then half as long (at most 5 minutes) with the tab hidden, then shown again. Reports the heap
 * slope after warm-up, DOM counters and RSS, and the growth while hidden.
 */
import { domCounters, heapAfterGcMb, rendererRssMb } from "../lib/browser";
import { measureWindow, type PageWindow, toFigures } from "../lib/measurePage";
import type { OpenTarget } from "../lib/openTarget";
import type { SummaryFigures, Target } from "../lib/results";
import { round, slope } from "../lib/stats";
import { measureFor, type Scenario } from "./context";
import { noteHook, record, traced, withBrowser, withTarget } from "./pageScenario";

export interface SoakResult {
  visible: PageWindow;
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
  trace?: string,
): Promise<SoakResult> {
  const { cdp, browserCdp } = open.metered;
  await open.page.evaluate(() => window.__benchProbe?.startScrolling(4));
  await measureFor(quick ? 3000 : 60_000);
  const visibleMs = minutes * 60_000;
  const sampleEvery = quick ? 5000 : 30_000;
  const samples: [number, number][] = [];
  const started = performance.now();
  const sampleHeap = async () => {
    while (performance.now() - started + sampleEvery < visibleMs) {
      await measureFor(sampleEvery);
      samples.push([(performance.now() - started) / 60_000, await heapAfterGcMb(cdp)]);
    }
  };
  const visible = await traced(open, trace, () =>
    measureWindow(open.metered, open.server, visibleMs, sampleHeap),
  );
  samples.unshift([0, visible.memory.heap_start_mb]);
  samples.push([(performance.now() - started) / 60_000, visible.memory.heap_end_mb]);

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
  return {
    visible,
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
        soakTarget(open, soakMinutes, quick),
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
