/**
 * Scenario 9, hidden tab: the device view stays hidden for 5 minutes while a fast device streams
 * (requestAnimationFrame stops, data keeps arriving). Memory does not grow, and the first frame
 * after the tab is shown again draws the current window. Full suite only.
 */
import { expect, test } from "@playwright/test";
import { emulateVisibility, framesIn, setHidden } from "../support/hiddenTab";
import { connectionStatus, FULL, onlineDevice, openDeviceView, setupFleet } from "../support/resilience";

const start = setupFleet();

const HIDDEN_MS = Number(process.env.HIDDEN_MS ?? 5 * 60_000);

function secondsOfDay(clock: string): number {
  const [h = 0, m = 0, s = 0] = clock.split(":").map(Number);
  return h * 3600 + m * 60 + s;
}

test(`hidden for ${HIDDEN_MS / 1000} s under load, then shown: memory flat and the window current at once`, async ({
  page,
}) => {
  // Skipped in npm test on purpose: minutes-long fault; npm run test:resilience runs it.
  // Minutes long: run by `npm run test:resilience` (RESILIENCE_FULL=1), kept out of `npm test`'s budget.
  test.skip(!FULL, "long scenario: runs in npm run test:resilience");
  test.setTimeout(HIDDEN_MS + 90_000);
  // 100 samples/s for the device on screen; every device streams the same.
  const { server, proxy } = await start(["--devices", "16", "--rate", "100"]);
  const device = await onlineDevice(server.url, "thermostat");
  await emulateVisibility(page);
  await openDeviceView(page, proxy, device);
  const cdp = await page.context().newCDPSession(page);
  const heapUsed = async () => {
    await cdp.send("HeapProfiler.collectGarbage");
    return (await cdp.send("Runtime.getHeapUsage")).usedSize;
  };
  // Let the view settle (history replayed, charts drawn) before the baseline.
  await expect
    .poll(() =>
      page
        .getByText(/^\d+ samples? in window$/)
        .first()
        .textContent(),
    )
    .toMatch(/^[1-9]\d{3,} /);
  const before = await heapUsed();

  await setHidden(page, true);
  expect(await framesIn(page, 500)).toBe(0);
  // Staying hidden for a long time is the point of the scenario.
  await page.waitForTimeout(HIDDEN_MS);
  const hiddenHeap = await heapUsed();
  const summary = page
    .getByRole("figure", { name: new RegExp(`^${device.metrics[0]?.label} \\(`) })
    .locator("p.visually-hidden");
  const stale = await summary.textContent();

  await setHidden(page, false);
  // The first frames after showing draw the current window: the latest sample is seconds old.
  await expect(summary).not.toHaveText(stale ?? "", { timeout: 1000 });
  const shown = (await summary.textContent()) ?? "";
  const latest = /at (\d\d:\d\d:\d\d)/.exec(shown)?.[1] ?? "00:00:00";
  const now = await page.evaluate(() => new Date().toTimeString().slice(0, 8));
  expect(Math.abs(secondsOfDay(now) - secondsOfDay(latest))).toBeLessThanOrEqual(2);
  await expect(connectionStatus(page)).toHaveText(/^Live$/);
  expect(hiddenHeap - before, `heap ${before} -> ${hiddenHeap} bytes`).toBeLessThan(8 * 1024 * 1024);
});
