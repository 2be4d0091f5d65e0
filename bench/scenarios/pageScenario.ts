/**
 * The shape most browser scenarios share: for each dashboard (ours, naive, uplot), start a
 * server with the scenario's fleet, open the page, warm up, measure one window, close.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser } from "@playwright/test";
import type { ScenarioName } from "../lib/args";
import { launchBrowser } from "../lib/browser";
import { measureWindow, type PageWindow, toFigures } from "../lib/measurePage";
import { type OpenTarget, openTarget } from "../lib/openTarget";
import {
  describeMachine,
  RESULTS_DIR,
  type ScenarioRecord,
  type SummaryFigures,
  type Target,
} from "../lib/results";
import type { FleetOptions } from "../lib/serverProcess";
import { median, round } from "../lib/stats";
import { summarizeTraceFile, type TraceSummary } from "../lib/traceSummary";
import type { ScenarioContext } from "./context";

export interface PageScenarioSpec {
  name: ScenarioName;
  fleet: FleetOptions;
  /** Route opened in every dashboard, e.g. "#/" or "#/devices/x?window=15m". */
  hash: string;
  /** Ask the page to subscribe to every device besides what its view needs. */
  watchAll?: boolean;
  /** Pixels per frame to scroll the main scroll area during the window (0 = none). */
  scroll?: number;
  warmupMs: number;
  measureMs: number;
}

/**
 * Dashboards a run measures in a scenario. A quick run leaves out `naive` where the fleet is
 * 2,000 devices: its first render of 2,000 recharts cards alone blocks the page for about 40 s.
 */
export function targetsFor(context: ScenarioContext, devices: number, notes: string[]): Target[] {
  if (!context.options.quick || devices < 2000 || !context.options.targets.includes("naive")) {
    return context.options.targets;
  }
  notes.push("quick run: naive left out (2,000 cards block its page for ~40 s); the full run measures it");
  return context.options.targets.filter((t) => t !== "naive");
}

/** Runs `body` with a browser that is closed afterwards, whatever happens. */
export async function withBrowser<T>(body: (browser: Browser) => Promise<T>): Promise<T> {
  const browser = await launchBrowser();
  try {
    return await body(browser);
  } finally {
    await browser.close();
  }
}

/** Notes a window measured without the page hook (its ingest, loss and latency are null). */
export function noteHook(target: Target, window: PageWindow | null, notes: string[]): void {
  if (window && !window.ingest.hook) {
    notes.push(`${target}: no window.__fleetBench hook, so no ingest, loss or latency figures`);
  }
}

/** Opens `target`, runs `body`, always closes it; failures become a note and null. */
export async function withTarget<T>(
  browser: Browser,
  target: Target,
  spec: Pick<PageScenarioSpec, "fleet" | "hash" | "watchAll">,
  notes: string[],
  body: (open: OpenTarget) => Promise<T>,
): Promise<T | null> {
  let open: OpenTarget | undefined;
  try {
    open = await openTarget(browser, target, spec.fleet, spec.hash, { watchAll: spec.watchAll ?? false });
    notes.push(...open.notes);
    return await body(open);
  } catch (error) {
    notes.push(`${target}: ${(error as Error).message.split("\n").slice(0, 2).join(" ")}`);
    return null;
  } finally {
    await open?.close().catch(() => undefined);
  }
}

/**
 * Runs `body` under a Chrome trace written to bench/results/<name>.trace.json when `name` is
 * given: the profile that shows where a missed target's time goes.
 */
export async function traced<T extends object>(
  open: OpenTarget,
  name: string | undefined,
  body: () => Promise<T>,
): Promise<T & { profile?: TraceSummary | null }> {
  const browser = open.page.context().browser();
  if (!name || !browser) return body();
  mkdirSync(RESULTS_DIR, { recursive: true });
  const path = join(RESULTS_DIR, `${name}.trace.json`);
  await browser.startTracing(open.page, { path, screenshots: false });
  let result: T;
  try {
    result = await body();
  } finally {
    await browser.stopTracing();
  }
  return { ...result, profile: summarizeTraceFile(path) };
}

/** Warm up, then measure one window (scrolling if asked), traced as `traceName` if given. */
export async function warmAndMeasure(
  open: OpenTarget,
  spec: PageScenarioSpec,
  traceName?: string,
): Promise<PageWindow> {
  if (spec.scroll) {
    const scroller = await open.page.evaluate(
      (px) => window.__benchProbe?.startScrolling(px) ?? "none",
      spec.scroll,
    );
    if (scroller === "none") open.notes.push(`${open.target}: nothing to scroll`);
  }
  await new Promise((done) => setTimeout(done, spec.warmupMs));
  return traced(open, traceName, () => measureWindow(open.metered, open.server, spec.measureMs));
}

export function record(
  name: ScenarioName,
  context: ScenarioContext,
  summary: Partial<Record<Target, SummaryFigures>>,
  detail: unknown,
  notes: string[],
): ScenarioRecord {
  return {
    scenario: name,
    date: new Date().toISOString(),
    machine: describeMachine(),
    quick: context.options.quick,
    summary,
    detail,
    notes: [...new Set(notes)],
  };
}

/**
 * Measures each dashboard `context.options.rounds` times, alternating them (so a machine that
 * slows down for a while slows every dashboard), and keeps for each the window with the median
 * main thread; the rounds' main-thread figures and per-round ratios go into the notes.
 */
export async function runPageScenario(
  context: ScenarioContext,
  spec: PageScenarioSpec,
): Promise<ScenarioRecord> {
  const notes: string[] = [];
  const measured: Partial<Record<Target, PageWindow[]>> = {};
  const rounds = context.options.rounds;
  await withBrowser(async (browser) => {
    for (let round = 1; round <= rounds; round++) {
      for (const target of targetsFor(context, spec.fleet.devices ?? 0, notes)) {
        context.log(`${spec.name}: ${target}${rounds > 1 ? ` (round ${round} of ${rounds})` : ""}`);
        const suffix = rounds > 1 ? `-${round}` : "";
        const trace = context.options.trace ? `${spec.name}-${target}${suffix}` : undefined;
        const window = await withTarget(browser, target, spec, notes, (open) =>
          warmAndMeasure(open, spec, trace),
        );
        noteHook(target, window, notes);
        if (window) measured[target] = [...(measured[target] ?? []), window];
      }
    }
  });
  const windows: Partial<Record<Target, PageWindow>> = {};
  const summary: Partial<Record<Target, SummaryFigures>> = {};
  for (const [target, list] of Object.entries(measured) as [Target, PageWindow[]][]) {
    const window = medianWindow(list);
    windows[target] = window;
    summary[target] = toFigures(window);
  }
  if (rounds > 1) notes.push(...roundNotes(measured));
  return record(
    spec.name,
    context,
    summary,
    { fleet: spec.fleet, hash: spec.hash, windows, ...(rounds > 1 ? { rounds: measured } : {}) },
    notes,
  );
}

/** The window whose main-thread share is the median of `windows` (the lower one of an even count). */
export function medianWindow(windows: readonly PageWindow[]): PageWindow {
  const sorted = [...windows].sort((a, b) => (a.main_thread.pct ?? 0) - (b.main_thread.pct ?? 0));
  return sorted[Math.floor((sorted.length - 1) / 2)] as PageWindow;
}

/** "main thread by round: ours 11.7, 13.1 %; uplot ..." and ours' per-round ratio to uPlot's. */
export function roundNotes(measured: Partial<Record<Target, PageWindow[]>>): string[] {
  const pcts = (target: Target) => (measured[target] ?? []).map((w) => w.main_thread.pct);
  const notes = [
    `main thread % by round: ${Object.keys(measured)
      .map((target) => `${target} ${pcts(target as Target).join(", ")}`)
      .join("; ")}`,
  ];
  const ours = pcts("ours");
  const uplot = pcts("uplot");
  const ratios = ours.flatMap((pct, i) => {
    const peer = uplot[i];
    return pct !== null && pct !== undefined && peer ? [Math.round((pct / peer) * 100) / 100] : [];
  });
  if (ratios.length > 0) {
    notes.push(
      `ours / uplot main thread by round: ${ratios.join(", ")} (median ${round(median(ratios), 2)})`,
    );
  }
  return notes;
}
