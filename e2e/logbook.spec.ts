/**
 * The logbook: a dashboard opened on a server that has been running shows what happened before it
 * was opened (devices offline and back, with how long), pages older lines, filters, and holds
 * live lines while the operator reads further down. A real server process with a DuckDB store.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import type { LogEntry } from "../src/protocol/messages";
import { type ServerProcess, startServerProcess } from "./support/serverProcess";

let dataDir = "";
let server: ServerProcess | undefined;

test.beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "fleet-e2e-logbook-"));
});
test.afterEach(async () => {
  await server?.kill();
  server = undefined;
  await rm(dataDir, { recursive: true, force: true });
});

async function logbook(url: string, query: string): Promise<{ entries: LogEntry[]; next: string | null }> {
  const response = await fetch(`${url}/api/events?${query}`);
  expect(response.status).toBe(200);
  return (await response.json()) as { entries: LogEntry[]; next: string | null };
}

test("a dashboard opened on a running fleet shows what happened before, pages older lines, and filters", async ({
  page,
}) => {
  test.setTimeout(90_000);
  server = await startServerProcess([
    ...["--seed", "7", "--devices", "40", "--offline-rate", "0.05", "--data", dataDir],
  ]);
  const { url } = server;
  // Before any page is open: a device went offline and came back, and there is more than a page.
  let back: LogEntry | undefined;
  await expect
    .poll(
      async () => {
        back = (await logbook(url, "type=online&limit=1")).entries[0];
        return back !== undefined && (await logbook(url, "limit=1000")).entries.length > 130;
      },
      { timeout: 60_000, intervals: [500] },
    )
    .toBe(true);
  const device = back?.device as string;
  expect(back?.text).toMatch(/^back online after .+ offline$/);

  await page.goto(`${url}/#/events`);
  const log = page.getByRole("region", { name: "Event log" });
  const lines = log.getByRole("listitem");
  await expect(lines).toHaveCount(100);
  await page.getByRole("button", { name: "Load older" }).click();
  await expect.poll(() => lines.count()).toBeGreaterThan(100);

  // Filter: one device's comings and goings, including the outage from before the page opened.
  await log.getByLabel("Type").selectOption({ label: "Online, offline, stale" });
  await log.getByLabel("Device").selectOption(device);
  await expect(log.getByText(back?.text as string).first()).toBeVisible();
  await expect(log.getByText(/offline after/).first()).toBeVisible();
  for (const badge of await log.locator(".logbook-item .badge").allTextContents())
    expect(badge).toMatch(/^(Online|Offline|Stale)$/);

  // The device's own panel shows the same log.
  const [latest] = (await logbook(url, `device=${device}&type=online,offline&limit=1`)).entries;
  await page.goto(`${url}/#/devices/${device}`);
  const panel = page.getByRole("region", { name: "Device events" });
  await expect(panel.getByText(latest?.text as string).first()).toBeVisible();
});

test("live lines wait while the operator reads further down, then come in on request", async ({ page }) => {
  test.setTimeout(60_000);
  server = await startServerProcess([
    "--seed",
    "9",
    "--devices",
    "40",
    "--offline-rate",
    "0.05",
    "--data",
    dataDir,
  ]);
  await expect
    .poll(async () => (await logbook(server?.url as string, "limit=1000")).entries.length, {
      timeout: 30_000,
    })
    .toBeGreaterThan(60);
  await page.setViewportSize({ width: 1000, height: 500 });
  await page.goto(`${server.url}/#/events`);
  const lines = page.getByRole("region", { name: "Event log" }).getByRole("listitem");
  await expect(lines.first()).toBeVisible();
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight / 2));
  const reading = await lines.nth(30).boundingBox();
  const show = page.getByRole("button", { name: /^Show \d+ new events?$/ });
  await expect(show).toBeVisible({ timeout: 20_000 });
  // What the operator reads has not moved.
  expect(await lines.nth(30).boundingBox()).toEqual(reading);
  const before = await lines.count();
  await show.click();
  await expect.poll(() => lines.count()).toBeGreaterThan(before);
});
