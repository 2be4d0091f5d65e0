/**
 * Scenario 6, slow tab: clients that stop reading while the server streams at a high rate. The
 * server's memory stays flat, another client's latency is unaffected, one slow client that
 * resumes catches up (or is told about a gap), and one that stays stuck is closed with 1013.
 * Full suite only.
 */
import { expect, test } from "@playwright/test";
import { TestClient } from "../../testing/testClient";
import { FULL, setupFleet } from "../support/resilience";
import { metric, residentBytes } from "../support/serverProbe";

const start = setupFleet();

/** Sample delays (arrival minus sample time, ms) of live frames, from message index `from`. */
function delays(client: TestClient, arrivals: number[], from: number): number[] {
  const result: number[] = [];
  client.messages.forEach((message, i) => {
    if (i < from || message.type !== "data" || message.replay) return;
    for (const entry of message.batch) result.push((arrivals[i] as number) - (entry.t.at(-1) as number));
  });
  return result;
}

function p95(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length * 0.95)] ?? Number.NaN;
}

test("clients that stop reading cannot grow the server's memory or slow anyone else", async () => {
  // Skipped in npm test on purpose: minutes-long fault; npm run test:resilience runs it.
  // Minutes long: run by `npm run test:resilience` (RESILIENCE_FULL=1), kept out of `npm test`'s budget.
  test.skip(!FULL, "long scenario: runs in npm run test:resilience");
  test.setTimeout(120_000);
  // A heavy stream (200 devices at 100 samples/s) fills socket buffers within seconds; a short
  // history fills its rings quickly, so resident memory after warm-up reflects only buffering.
  const { server } = await start(["--devices", "200", "--rate", "100", "--history", "10"]);
  const wsUrl = `${server.url.replace(/^http/, "ws")}/ws`;
  const subscribeAll = async () => {
    const client = await TestClient.connect(wsUrl);
    await client.waitFor((message) => message.type === "welcome");
    await client.request({ type: "subscribe", id: "all", devices: ["*"] });
    return client;
  };
  const observer = await TestClient.connect(wsUrl);
  const arrivals: number[] = [];
  observer.ws.on("message", () => arrivals.push(Date.now()));
  await observer.waitFor((message) => message.type === "welcome");
  await observer.request({ type: "subscribe", id: "one", devices: ["thermo-001"] });
  const [resumer, stuck] = await Promise.all([subscribeAll(), subscribeAll()]);

  // Warm-up: history rings full, baseline latency measured.
  await observer.until(() => Date.now() - (arrivals[0] ?? Date.now()) > 12_000, 20_000, "warm-up");
  const baselineRss = await residentBytes(server.pid());
  const baselineFrom = observer.messages.length;
  await observer.until(() => observer.messages.length > baselineFrom + 60, 10_000, "baseline frames");
  const baseline = p95(delays(observer, arrivals, baselineFrom));

  resumer.ws.pause();
  stuck.ws.pause();
  const pausedAt = Date.now();
  const slowFrom = observer.messages.length;
  let peakRss = baselineRss;
  // How long the clients stay paused is the point: sample the server's memory meanwhile.
  const pausedFor = async (ms: number) => {
    while (Date.now() - pausedAt < ms) {
      peakRss = Math.max(peakRss, await residentBytes(server.pid()));
      await new Promise((done) => setTimeout(done, 250));
    }
  };
  await pausedFor(8_000);
  // The server skipped live frames for the paused clients once they were over its cap.
  expect(await metric(server.url, "fleet_skipped_frames_total")).toBeGreaterThan(0);
  const seqBefore = resumer.messages.length;
  resumer.ws.resume();
  // The other stays over the cap for longer than --slow-client-timeout (10 s): closed with 1013.
  // Kernel buffers fill first (seconds), then 10 s over the cap: the close frame is queued by ~20 s.
  await pausedFor(25_000);
  const during = p95(delays(observer, arrivals, slowFrom));
  stuck.ws.resume();
  expect((await stuck.closed).code).toBe(1013);

  // The resumed client caught up: every seq of every device, once, or a gap said what is gone.
  await resumer.until(() => resumer.messages.length > seqBefore + 40, 20_000, "catch-up");
  for (const device of ["thermo-001", "meter-001", "wearable-001", "vehicle-001"]) {
    const seqs = resumer.seqs(device);
    const gaps = resumer.messages.filter((m) => m.type === "gap" && m.device === device);
    const covered = new Set(seqs);
    for (const gap of gaps)
      if (gap.type === "gap") for (let s = gap.fromSeq; s <= gap.toSeq; s++) covered.add(s);
    expect(covered.size, device).toBe(Math.max(...covered) - Math.min(...covered) + 1);
    expect(new Set(seqs).size, `${device} duplicates`).toBe(seqs.length);
  }
  resumer.close();
  observer.close();

  expect(peakRss - baselineRss, `RSS ${baselineRss} -> peak ${peakRss}`).toBeLessThan(32 * 1024 * 1024);
  expect(during, `p95 delay ${baseline} ms before, ${during} ms during`).toBeLessThan(
    Math.max(2 * baseline, baseline + 100),
  );
});
