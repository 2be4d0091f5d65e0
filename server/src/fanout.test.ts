import { afterEach, describe, expect, it, vi } from "vitest";
import type { MockServer } from "../../mock-server/src/index";
import type { DataMessage, GapMessage, WelcomeMessage } from "../../src/protocol";
import type { TestClient } from "../../testing/testClient";
import { setupTestServers } from "../../testing/testServer";
import { SharedFrame, sharedFrame } from "./fanout";
import { Outbox } from "./outbox";

const { start, connect } = setupTestServers();

afterEach(() => {
  vi.restoreAllMocks();
});

describe("SharedFrame", () => {
  it.each([
    [5, [0x81, 5]],
    [200, [0x81, 126, 0, 200]],
    [70_000, [0x81, 127, 0, 0, 0, 0, 0, 0x01, 0x11, 0x70]],
  ])("frames a %i-byte text payload once, header then payload", (length, header) => {
    const payload = Buffer.alloc(length, "x");
    const frame = new SharedFrame(payload);
    const before = SharedFrame.framings;
    const wire = frame.wire;
    expect([...wire.subarray(0, header.length)]).toEqual(header);
    expect(wire.subarray(header.length).equals(payload)).toBe(true);
    expect(frame.wire).toBe(wire);
    expect(SharedFrame.framings - before).toBe(1);
  });

  it("is one object per payload buffer, not per equal content", () => {
    const payload = Buffer.from('{"type":"data","batch":[]}');
    expect(sharedFrame(payload)).toBe(sharedFrame(payload));
    expect(sharedFrame(Buffer.from(payload))).not.toBe(sharedFrame(payload));
  });
});

interface Send {
  outbox: Outbox;
  frame: SharedFrame;
}

/** Records every shared frame an outbox sends from now on; `take()` returns them so far. */
function recordSharedSends(): { take(): Send[]; dataFrames(): Map<SharedFrame, Set<Outbox>> } {
  const spy = vi.spyOn(Outbox.prototype, "send");
  const take = (): Send[] =>
    spy.mock.calls.flatMap(([frame], i) =>
      frame instanceof SharedFrame ? [{ outbox: spy.mock.contexts[i] as Outbox, frame }] : [],
    );
  return {
    take,
    dataFrames() {
      const receivers = new Map<SharedFrame, Set<Outbox>>();
      for (const { outbox, frame } of take()) {
        if (!frame.payload.subarray(0, 15).toString().startsWith('{"type":"data"')) continue;
        const set = receivers.get(frame) ?? new Set<Outbox>();
        set.add(outbox);
        receivers.set(frame, set);
      }
      return receivers;
    },
  };
}

function devicesIn(frame: SharedFrame): string[] {
  return (JSON.parse(frame.payload.toString()) as DataMessage).batch.map((entry) => entry.device);
}

function liveDataCount(client: TestClient): number {
  return client.messages.filter((m) => m.type === "data" && !m.replay).length;
}

function expectConsecutive(seqs: number[], first?: number): void {
  expect(seqs.length).toBeGreaterThan(0);
  expect(seqs).toEqual(seqs.map((_, i) => (first ?? (seqs[0] as number)) + i));
}

/** Seqs received plus seqs reported as gaps cover a contiguous span exactly once. */
function expectCovered(client: TestClient, device: string): void {
  const covered = [...client.seqs(device)];
  for (const gap of client.messages.filter((m): m is GapMessage => m.type === "gap" && m.device === device))
    for (let seq = gap.fromSeq; seq <= gap.toSeq; seq++) covered.push(seq);
  covered.sort((a, b) => a - b);
  expect(new Set(covered).size).toBe(covered.length);
  expectConsecutive(covered);
}

async function metric(server: MockServer, name: string): Promise<number> {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  const line = text.split("\n").find((row) => row.startsWith(`${name} `));
  return Number(line?.split(" ")[1] ?? 0);
}

describe("fan-out to permessage-deflate clients", () => {
  it("compresses each shared frame once for all of them; they decode every frame and their own answers in order", async () => {
    const server = await start({ devices: 40, rate: 50, tick: 20, perMessageDeflate: true });
    const clients = [await connect(server), await connect(server), await connect(server)];
    for (const client of clients) expect(client.ws.extensions).toBe("permessage-deflate");
    for (const client of clients) await client.request({ type: "subscribe", id: "all", devices: ["*"] });
    const deflationsBefore = SharedFrame.deflations;
    const sends = recordSharedSends();
    const counted = clients.map(liveDataCount);
    await clients[0]?.until(
      () => clients.every((client, i) => liveDataCount(client) >= (counted[i] as number) + 10),
      10_000,
    );
    // An answer of the client's own, between shared frames, arrives (uncompressed) in its place.
    const answer = await clients[1]?.request({ type: "subscribe", id: "one", devices: ["thermo-002"] });
    expect(answer).toMatchObject({ type: "subscribed", id: "one" });
    const deflations = SharedFrame.deflations - deflationsBefore;
    const frames = new Set(sends.take().map((send) => send.frame));
    expect(frames.size).toBeGreaterThanOrEqual(10);
    expect(deflations).toBeLessThanOrEqual(frames.size);
    expect(deflations).toBeGreaterThanOrEqual(frames.size - 2); // frames sent after the count
    for (const client of clients) expectCovered(client, "thermo-001");
  });

  it("falls back to ws's own compression for a client that asks for a smaller window", async () => {
    const server = await start({ devices: 10, rate: 20, tick: 20, perMessageDeflate: true });
    const client = await connect(server, { perMessageDeflate: { serverMaxWindowBits: 10 } });
    await client.request({ type: "subscribe", id: "all", devices: ["*"] });
    const deflationsBefore = SharedFrame.deflations;
    await client.until(() => client.seqs("thermo-001").length >= 10, 10_000);
    expect(SharedFrame.deflations - deflationsBefore).toBe(0);
    expectCovered(client, "thermo-001");
  });
});

describe("fan-out of live data", () => {
  it("sends clients with the same subscription one frame per tick, framed once; another set gets its own", async () => {
    // Uncompressed, so the frames counted are the plain ones (deflate: the suite above).
    const server = await start({ devices: 40, rate: 50, tick: 20, perMessageDeflate: false });
    const everything = [await connect(server), await connect(server), await connect(server)];
    const other = await connect(server);
    const fleet = (other.messages[0] as WelcomeMessage).fleet.map((device) => device.id);
    const pair = [fleet[3] as string, fleet[7] as string];
    for (const client of everything) await client.request({ type: "subscribe", id: "all", devices: ["*"] });
    await other.request({ type: "subscribe", id: "pair", devices: pair });
    const framingsBefore = SharedFrame.framings;
    const sends = recordSharedSends();
    const counted = [...everything, other].map(liveDataCount);
    await other.until(
      () => [...everything, other].every((client, i) => liveDataCount(client) >= (counted[i] as number) + 10),
      10_000,
    );
    const framings = SharedFrame.framings - framingsBefore;
    const receivers = sends.dataFrames();
    const shared = [...receivers].filter(([frame]) => devicesIn(frame).some((id) => !pair.includes(id)));
    const own = [...receivers].filter(([frame]) => devicesIn(frame).every((id) => pair.includes(id)));
    expect(shared.length).toBeGreaterThanOrEqual(10);
    expect(own.length).toBeGreaterThanOrEqual(10);
    const allOutboxes = new Set(shared.flatMap(([, set]) => [...set]));
    expect(allOutboxes.size).toBe(3);
    for (const [, set] of shared) expect(set.size).toBe(3);
    const otherOutbox = own[0]?.[1].values().next().value;
    for (const [, set] of own) expect([...set]).toEqual([otherOutbox]);
    expect(allOutboxes.has(otherOutbox as Outbox)).toBe(false);
    // Each distinct frame (data, and any news or stats) was framed once, whatever its receivers.
    expect(framings).toBe(new Set(sends.take().map((send) => send.frame)).size);
    for (const client of everything) expectConsecutive(client.seqs(fleet[0] as string));
    for (const id of pair) expectConsecutive(other.seqs(id));
    expect(
      other.messages.some((m) => m.type === "data" && m.batch.some((e) => !pair.includes(e.device))),
    ).toBe(false);
  });

  it("skips a slow client that shares the set and replays it, while the others keep every shared frame", async () => {
    const server = await start({
      devices: 400,
      rate: 100,
      tick: 20,
      heartbeat: 60_000,
      maxBuffered: 256 * 1024,
    });
    const steady = [await connect(server), await connect(server)];
    const slow = await connect(server);
    for (const client of [...steady, slow])
      await client.request({ type: "subscribe", id: "all", devices: ["*"] });
    await slow.until(() => slow.seqs("thermo-001").length > 0);
    const sends = recordSharedSends();
    slow.ws.pause();
    await expect
      .poll(() => metric(server, "fleet_skipped_frames_total"), { timeout: 15_000 })
      .toBeGreaterThan(5);
    slow.ws.resume();
    const liveAgain = (): boolean => {
      const firstReplay = slow.messages.findIndex((m) => m.type === "data" && m.replay === true);
      return firstReplay >= 0 && slow.messages.slice(firstReplay).some((m) => m.type === "data" && !m.replay);
    };
    await slow.until(liveAgain, 15_000);
    const receivers = [...sends.dataFrames().values()].map((set) => set.size);
    // Frames went to the two steady clients alone while the slow one was skipped, to all three after.
    const skipping = receivers.indexOf(2);
    expect(skipping).toBeGreaterThanOrEqual(0);
    expect(receivers.slice(skipping).includes(3)).toBe(true);
    expect(slow.messages.some((m) => m.type === "data" && m.replay === true)).toBe(true);
    expectCovered(slow, "thermo-001");
    expectCovered(slow, "meter-100");
    for (const client of steady) {
      expect(client.messages.some((m) => m.type === "gap" || (m.type === "data" && m.replay))).toBe(false);
      expectConsecutive(client.seqs("thermo-001"));
      expectConsecutive(client.seqs("meter-100"));
    }
  });

  it("replays a resuming client's own frames, then sends it the frame its set shares", async () => {
    const server = await start({ rate: 50, tick: 20 });
    const live = await connect(server);
    await live.request({ type: "subscribe", id: "live", devices: ["vehicle-001"] });
    await live.until(() => live.seqs("vehicle-001").length >= 30);
    const resumeAfter = 10;
    const sends = recordSharedSends();
    const resuming = await connect(server);
    await resuming.request({
      type: "subscribe",
      id: "again",
      devices: ["vehicle-001"],
      resume: { "vehicle-001": resumeAfter },
    });
    await resuming.until(() => resuming.entries("vehicle-001").some((entry) => !entry.replay));
    await resuming.until(() => [...sends.dataFrames().values()].some((set) => set.size === 2));
    expect(resuming.entries("vehicle-001")[0]?.replay).toBe(true);
    expectConsecutive(resuming.seqs("vehicle-001"), resumeAfter + 1);
    expectConsecutive(live.seqs("vehicle-001"));
    expect(live.messages.some((m) => m.type === "data" && m.replay)).toBe(false);
  });
});
