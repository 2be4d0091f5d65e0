/**
 * Opens a dashboard for measuring: a fresh mock server serving that dashboard's build, a page
 * with the probe installed, live and receiving data.
 */
import type { Browser, Page } from "@playwright/test";
import { type MeteredPage, openMeteredPage } from "./browser";
import { installPageProbe } from "./pageProbe";
import type { Target } from "./results";
import { type FleetOptions, type ServerProcess, startServer } from "./serverProcess";

/**
 * Where each dashboard lives on the server that serves it. Every target is a bench page built by
 * bench/vite.config.ts (ours is the production app with its probe installed first).
 */
export function pageUrl(target: Target, serverUrl: string, hash: string): string {
  return `${serverUrl}/${target}/index.html?bench${hash}`;
}

/** The build every target is served from. */
export const BENCH_STATIC_DIR = "bench/dist";

/** A running target: its server and its page, opened and live. */
export interface OpenTarget {
  target: Target;
  server: ServerProcess;
  metered: MeteredPage;
  page: Page;
  notes: string[];
  close(): Promise<void>;
}

/**
 * Starts a server for `fleet` serving `target`'s build, opens `hash` with the probe installed,
 * and waits until the page says it is live (role=status containing "Live") and data flows.
 */
export async function openTarget(
  browser: Browser,
  target: Target,
  fleet: FleetOptions,
  hash: string,
  options: { watchAll?: boolean } = {},
): Promise<OpenTarget> {
  const server = await startServer({ ...fleet, staticDir: BENCH_STATIC_DIR });
  const notes: string[] = [];
  let metered: MeteredPage | undefined;
  try {
    metered = await openMeteredPage(browser);
    const { page } = metered;
    await page.addInitScript(installPageProbe);
    // A server producing 100,000+ samples/s on a busy machine can take longer than 30 s to serve the page.
    await page.goto(pageUrl(target, server.url, hash), { waitUntil: "load", timeout: 90_000 });
    await page
      .getByRole("status")
      .filter({ hasText: /\bLive\b/ })
      .first()
      .waitFor({ timeout: 30_000 });
    const hasHook = await page
      .waitForFunction(() => window.__fleetBench !== undefined, undefined, { timeout: 2000, polling: 100 })
      .then(() => true)
      .catch(() => false);
    // A page without the hook (or one too busy to answer in time) is still measured; whether
    // the probe attached to a hook shows in each window's `ingest.hook`.
    if (hasHook) {
      if (options.watchAll) {
        const watched = await page.evaluate(() => {
          const hook = window.__fleetBench;
          if (!hook?.watch) return false;
          hook.watch("*");
          return true;
        });
        if (!watched)
          notes.push(`${target}: the hook has no watch(); the page receives only what its views watch`);
      }
      // Polling, not rAF: a page swamped by data may not paint for seconds.
      await page.waitForFunction(() => (window.__fleetBench?.storedValues() ?? 0) > 0, undefined, {
        timeout: 30_000,
        polling: 200,
      });
    }
    const opened = metered;
    return {
      target,
      server,
      metered: opened,
      page,
      notes,
      close: async () => {
        await opened.close();
        await server.stop();
      },
    };
  } catch (error) {
    await metered?.close().catch(() => undefined);
    await server.stop();
    throw error;
  }
}
