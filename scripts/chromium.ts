/**
 * Finds a Chromium for Playwright: CHROMIUM_PATH, then a system Chromium, then Playwright's
 * own downloaded browser. Returns undefined when none exists.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { chromium } from "@playwright/test";

const SYSTEM_PATHS = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/snap/bin/chromium"];

function onPath(name: string): string | undefined {
  try {
    const found = execFileSync("which", [name], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    }).trim();
    return found || undefined;
  } catch {
    return undefined;
  }
}

function playwrightOwn(): string | undefined {
  try {
    const path = chromium.executablePath();
    return path && existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

export type ChromiumSource = "CHROMIUM_PATH" | "system" | "playwright";

export function findChromium(): { path: string; source: ChromiumSource } | undefined {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv && existsSync(fromEnv)) return { path: fromEnv, source: "CHROMIUM_PATH" };
  const system = SYSTEM_PATHS.find((p) => existsSync(p)) ?? onPath("chromium") ?? onPath("chromium-browser");
  if (system) return { path: system, source: "system" };
  const own = playwrightOwn();
  if (own) return { path: own, source: "playwright" };
  return undefined;
}

/** Launch flags for headless Chromium on a machine with no network beyond loopback. */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
