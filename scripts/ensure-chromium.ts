/**
 * Makes sure a Chromium exists for the e2e tests, getting one when none does:
 * Debian's `chromium` via apt-get when running as root with apt, else `npx playwright install chromium`.
 * Exits non-zero with a message that says exactly what to install when neither works.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { findChromium } from "./chromium";

function run(command: string, args: string[]): boolean {
  console.log(`[ensure-chromium] ${command} ${args.join(" ")}`);
  const result = spawnSync(command, args, {
    stdio: "inherit",
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
  });
  return result.status === 0;
}

function tryApt(): boolean {
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  if (!isRoot || !existsSync("/usr/bin/apt-get")) return false;
  return run("apt-get", ["update", "-qq"]) && run("apt-get", ["install", "-y", "-qq", "chromium"]);
}

function tryPlaywright(): boolean {
  return run("npx", ["--no-install", "playwright", "install", "chromium"]);
}

const found = findChromium();
if (found) {
  console.log(`[ensure-chromium] using ${found.path} (${found.source})`);
  process.exit(0);
}
console.log("[ensure-chromium] no Chromium found; installing one");
if ((tryApt() || tryPlaywright()) && findChromium()) {
  console.log(`[ensure-chromium] using ${findChromium()?.path}`);
  process.exit(0);
}
console.error(
  "[ensure-chromium] No Chromium could be found or installed. Install one of:\n" +
    "  - Debian/Ubuntu: sudo apt-get install chromium\n" +
    "  - any OS with internet access: npx playwright install chromium\n" +
    "  - or set CHROMIUM_PATH=/path/to/chromium",
);
process.exit(1);
