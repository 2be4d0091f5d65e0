/**
 * Chromium for the benchmark: system Chromium through Playwright, headless, software rendering,
 * precise memory info, plus the CDP sessions the measurements use.
 */
import { type Browser, type BrowserContext, type CDPSession, chromium, type Page } from "@playwright/test";
import { CHROMIUM_ARGS, findChromium } from "../../scripts/chromium";
import { rssMb } from "./procStats";

export async function launchBrowser(): Promise<Browser> {
  const found = findChromium();
  if (!found) throw new Error("no Chromium found: set CHROMIUM_PATH or install Debian's chromium");
  return chromium.launch({
    executablePath: found.path,
    headless: true,
    args: [...CHROMIUM_ARGS, "--enable-precise-memory-info"],
  });
}

/** A page with its CDP session, plus the browser-level session for process info. */
export interface MeteredPage {
  context: BrowserContext;
  page: Page;
  cdp: CDPSession;
  browserCdp: CDPSession;
  close(): Promise<void>;
}

export async function openMeteredPage(browser: Browser): Promise<MeteredPage> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  // tsx compiles named functions with a `__name` helper that pages lack; evaluated callbacks
  // and the probe would throw without this shim.
  await page.addInitScript({ content: "globalThis.__name = globalThis.__name || ((f) => f);" });
  const cdp = await context.newCDPSession(page);
  await cdp.send("Performance.enable", { timeDomain: "timeTicks" });
  const browserCdp = await browser.newBrowserCDPSession();
  return {
    context,
    page,
    cdp,
    browserCdp,
    close: async () => {
      await browserCdp.detach().catch(() => undefined);
      await context.close();
    },
  };
}

/** `Performance.getMetrics` as a name -> value map (durations in seconds, cumulative). */
export async function performanceMetrics(cdp: CDPSession): Promise<Map<string, number>> {
  const { metrics } = await cdp.send("Performance.getMetrics");
  return new Map(metrics.map((m) => [m.name, m.value]));
}

/** Forces a full GC, then returns the used JS heap (MB). */
export async function heapAfterGcMb(cdp: CDPSession): Promise<number> {
  await cdp.send("HeapProfiler.collectGarbage");
  const { usedSize } = await cdp.send("Runtime.getHeapUsage");
  return usedSize / 2 ** 20;
}

export interface DomCounters {
  documents: number;
  nodes: number;
  jsEventListeners: number;
}

export async function domCounters(cdp: CDPSession): Promise<DomCounters> {
  const { documents, nodes, jsEventListeners } = await cdp.send("Memory.getDOMCounters");
  return { documents, nodes, jsEventListeners };
}

/** RSS (MB) of the largest renderer process: the page's, as one page is open at a time. */
export async function rendererRssMb(browserCdp: CDPSession): Promise<number | null> {
  try {
    const { processInfo } = await browserCdp.send("SystemInfo.getProcessInfo");
    const sizes = processInfo
      .filter((p) => p.type === "renderer")
      .map((p) => rssMb(p.id))
      .filter((mb): mb is number => mb !== null);
    return sizes.length ? Math.max(...sizes) : null;
  } catch {
    return null;
  }
}

/** Pid of the largest renderer process (the page's, as one page is open at a time), or null. */
export async function rendererPid(browserCdp: CDPSession): Promise<number | null> {
  try {
    const { processInfo } = await browserCdp.send("SystemInfo.getProcessInfo");
    let best: { pid: number; mb: number } | null = null;
    for (const p of processInfo) {
      const mb = p.type === "renderer" ? rssMb(p.id) : null;
      if (mb !== null && (best === null || mb > best.mb)) best = { pid: p.id, mb };
    }
    return best?.pid ?? null;
  } catch {
    return null;
  }
}
