import { describe, expect, it } from "vitest";
import type { MockServer } from "../../mock-server/src/index";
import type { GapMessage } from "../../src/protocol";
import type { TestClient } from "../../testing/testClient";
import { setupTestServers } from "../../testing/testServer";

const { start, connect } = setupTestServers();

/** A fleet fast enough to fill socket buffers within a second or two. */
const FIREHOSE = { devices: 400, rate: 200, tick: 20, heartbeat: 60_000 } as const;
const MAX_BUFFERED = 256 * 1024;

/** Samples the largest buffered byte count the server holds for any client, until stopped. */
function sampleBuffered(server: MockServer): { max: () => number; stop: () => void } {
  let max = 0;
  const timer = setInterval(() => {
    for (const entry of server.clients()) max = Math.max(max, entry.buffered);
  }, 5);
  return { max: () => max, stop: () => clearInterval(timer) };
}

async function metric(server: MockServer, name: string): Promise<number> {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  return Number(
    text
      .split("\n")
      .find((line) => line.startsWith(`${name} `))
      ?.split(" ")[1] ?? 0,
  );
}

/** Seqs received plus seqs reported missing as gaps cover `from..to` exactly once each. */
function expectCovered(client: TestClient, device: string): void {
  const seqs = client.seqs(device);
  const gaps = client.messages.filter((m): m is GapMessage => m.type === "gap" && m.device === device);
  const covered = [...seqs];
  for (const gap of gaps) for (let s = gap.fromSeq; s <= gap.toSeq; s++) covered.push(s);
  covered.sort((a, b) => a - b);
  expect(new Set(covered).size).toBe(covered.length);
  expect(covered).toEqual(covered.map((_, i) => (covered[0] as number) + i));
}

describe("slow clients", () => {
  it("skips live frames above the cap, keeps memory bounded, and replays the skipped span once drained", async () => {
    // Skipping, not closing, is under test (closing is the next test's): the slow-client timeout
    // is raised so that a run stalled on a loaded machine is not closed with 1013 before `resume`.
    const server = await start({ ...FIREHOSE, maxBuffered: MAX_BUFFERED, slowClientTimeout: 120_000 });
    const client = await connect(server);
    await client.request({ type: "subscribe", id: "all", devices: ["*"] });
    await client.until(() => client.seqs("thermo-001").length > 0);
    client.ws.pause();
    const buffered = sampleBuffered(server);
    await expect
      .poll(() => metric(server, "fleet_skipped_frames_total"), { timeout: 15_000 })
      .toBeGreaterThanOrEqual(20);
    buffered.stop();
    // One tick's frame may land on top of the cap, never an unbounded queue.
    expect(buffered.max()).toBeGreaterThan(MAX_BUFFERED / 2);
    expect(buffered.max()).toBeLessThan(MAX_BUFFERED + 512 * 1024);
    const seqBefore = server.samplesProduced("thermo-001");
    // Catching up is the client reading what the kernel's socket buffers hold (megabytes of live
    // frames of 400 devices) before the replay: on a loaded machine (reproduced with two busy
    // loops beside it) it read ~55 frames a second and needed ~16 s, past the 15 s this waited
    // (timed out in CI twice, never closed). Only the two devices checked below go on producing,
    // so the backlog stops growing, and the wait allows 45 s.
    for (const device of server.devices())
      if (device.id !== "thermo-001" && device.id !== "meter-100") server.setOnline(device.id, false);
    client.ws.resume();
    let closedWith: number | undefined;
    void client.closed.then((closed) => (closedWith = closed.code));
    await client.until(() => {
      if (closedWith !== undefined) throw new Error(`closed with ${closedWith} while catching up`);
      return client.seqs("thermo-001").some((seq) => seq > seqBefore + 20);
    }, 45_000);
    expect(client.messages.some((m) => m.type === "data" && m.replay === true)).toBe(true);
    expectCovered(client, "thermo-001");
    expectCovered(client, "meter-100");
    expect(server.clients()).toHaveLength(1);
  }, 120_000); // the catch-up alone may take 45 s on a loaded machine (above)

  it("closes a client stuck over the cap with 1013", async () => {
    const server = await start({ ...FIREHOSE, maxBuffered: 64 * 1024, slowClientTimeout: 300 });
    const client = await connect(server);
    await client.request({ type: "subscribe", id: "all", devices: ["*"] });
    client.ws.pause();
    await client.until(() => server.clients()[0]?.closing, 15_000);
    client.ws.resume();
    expect((await client.closed).code).toBe(1013);
  });

  it("still delivers command results to a client whose data is being skipped", async () => {
    const server = await start({ ...FIREHOSE, maxBuffered: 64 * 1024, commandLatency: 5 });
    const client = await connect(server);
    await client.request({ type: "subscribe", id: "all", devices: ["*"] });
    client.ws.pause();
    await expect
      .poll(() => metric(server, "fleet_skipped_frames_total"), { timeout: 15_000 })
      .toBeGreaterThan(0);
    client.send({ type: "command", id: "through", device: "meter-001", name: "relayOff" });
    await client.until(() => server.deviceState("meter-001")?.relay === false);
    client.ws.resume();
    expect(await client.waitFor((m) => m.type === "commandResult", { timeoutMs: 15_000 })).toMatchObject({
      id: "through",
      ok: true,
    });
  });
});
