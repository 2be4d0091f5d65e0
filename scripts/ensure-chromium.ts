/**
 * Makes sure a Chromium exists for the e2e tests, getting one when none does:
 * Debian's `chromium` via apt-get when running as root with apt, else `npx playwright install chromium`.
 * Exits non-zero with a message that says exactly what to install when neither works.
 */
import { findChromium } from "./chromium";
import { apt, ensure } from "./provision";

ensure({
  tag: "ensure-chromium",
  find: () => {
    const found = findChromium();
    return found && `${found.path} (${found.source})`;
  },
  findAfterInstall: () => findChromium()?.path,
  missing: "Chromium found; installing one",
  install: [apt("chromium"), (run) => run("npx", ["--no-install", "playwright", "install", "chromium"])],
  help:
    "No Chromium could be found or installed. Install one of:\n" +
    "  - Debian/Ubuntu: sudo apt-get install chromium\n" +
    "  - any OS with internet access: npx playwright install chromium\n" +
    "  - or set CHROMIUM_PATH=/path/to/chromium",
});
