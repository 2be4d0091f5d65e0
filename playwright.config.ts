import { defineConfig } from "@playwright/test";
import { CHROMIUM_ARGS, findChromium } from "./scripts/chromium";

// The e2e suite runs against the server `npm start` runs, on its own port.
const E2E_PORT = Number(process.env.E2E_PORT ?? 4180);
// Its own store per port, so runs on different ports (E2E_PORT) do not delete each other's data.
const E2E_DATA = process.env.E2E_PORT ? `.e2e-data-${E2E_PORT}` : ".e2e-data";
// `npm run test:resilience`: the long resilience scenarios only. They start their own servers,
// so the shared one is not needed, and the whole run is held to its 15-minute promise.
const RESILIENCE_FULL = process.env.RESILIENCE_FULL === "1";

export default defineConfig({
  testDir: "e2e",
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  globalTimeout: RESILIENCE_FULL ? 15 * 60_000 : undefined,
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${E2E_PORT}`,
    browserName: "chromium",
    launchOptions: { executablePath: findChromium()?.path, args: CHROMIUM_ARGS },
    trace: "retain-on-failure",
  },
  webServer: RESILIENCE_FULL
    ? undefined
    : {
        // A fresh store with 3 hours of backfilled history, so long windows have something to show.
        command: `rm -rf ${E2E_DATA} && npm start -- --port ${E2E_PORT} --seed 42 --offline-rate 0 --command-failure-rate 0 --data ${E2E_DATA} --backfill 3h`,
        url: `http://127.0.0.1:${E2E_PORT}/healthz`,
        reuseExistingServer: !process.env.CI,
        timeout: 120_000,
        stdout: "pipe",
      },
});
