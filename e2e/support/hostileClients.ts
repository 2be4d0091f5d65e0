/**
 * Raw protocol clients for the fuzzing scenario: a hammer that sends hostile frames at a paced
 * rate and checks each answer in order, a flooder that ignores the rate limit, and a watcher
 * that subscribes to everything and records every seq it is sent.
 */

import type { ServerMessage } from "../../src/protocol/messages";
import { TestClient } from "../../testing/testClient";
import type { HostileFrame } from "./hostileFrames";

/**
 * Frames per second one hammer sends: half the server's 100/s limit. The limit is measured when
 * the server reads a frame, so a busy server reading a backlog at once sees bursts; the bucket's
 * burst allowance (2 s) absorbs that at this pace.
 */
const PACED_RATE = 50;
const PACED_BATCH = 25;

/** What one connection sent and what it got back, as comparable keys, in order. */
export interface HammerReport {
  expected: string[];
  received: string[];
  closeCode: number | undefined;
  expectedClose: number | undefined;
  /** The frame behind each expected key (truncated), to explain a mismatch. */
  frames: string[];
}

/** What the server tells every client unasked (PROTOCOL.md v1.1 to v1.3): not an answer to any frame. */
const FLEET_NEWS = new Set<ServerMessage["type"]>([
  "status",
  "state",
  "deviceAdded",
  "source",
  // v1.2 and v1.3: the store's and the webhooks' status, and alert transitions, go to every client.
  "historyStatus",
  "webhookStatus",
  "alerts",
  // v1.4: the server's own health, every 5 s, and the fleet's logbook lines.
  "serverStats",
  "logbook",
]);

/** The client's messages after `welcome` that answer something it sent. */
function answersOf(client: TestClient): ServerMessage[] {
  return client.messages.slice(1).filter((message) => !FLEET_NEWS.has(message.type));
}

function keyOf(message: ServerMessage): string {
  if (message.type === "error") return `error:${message.code}:${message.id ?? "-"}`;
  if (message.type === "pong") return `pong:${message.id}`;
  return `unexpected:${message.type}`;
}

function describeFrame(frame: HostileFrame): string {
  const text = frame.binary ? `<binary ${frame.data.length} bytes>` : String(frame.data);
  return text.length > 120 ? `${text.slice(0, 120)}… (${text.length} chars)` : text;
}

/**
 * Sends `frames` on a fresh connection, a ping probe every `probeEvery` frames, at a steady
 * rate; waits for every answer (or the close a closing frame must cause) and reports both sides.
 */
export async function hammer(wsUrl: string, frames: HostileFrame[], probeEvery = 50): Promise<HammerReport> {
  const client = await TestClient.connect(wsUrl);
  await client.waitFor((message) => message.type === "welcome");
  const expected: string[] = [];
  const described: string[] = [];
  let expectedClose: number | undefined;
  let sent = 0;
  for (const [index, frame] of frames.entries()) {
    if (frame.expect.kind === "close") expectedClose = frame.expect.code;
    else {
      expected.push(`error:bad_request:${frame.expect.id ?? "-"}`);
      described.push(describeFrame(frame));
    }
    client.ws.send(frame.data, { binary: frame.binary });
    if (index % probeEvery === probeEvery - 1 && expectedClose === undefined) {
      const id = `probe-${index}`;
      client.send({ type: "ping", id, t: index });
      expected.push(`pong:${id}`);
      described.push(`probe ping ${id}`);
    }
    sent += 1;
    // Pacing is the point here: stay under the rate limit so every frame gets its own answer.
    if (sent % PACED_BATCH === 0)
      await new Promise((done) => setTimeout(done, (PACED_BATCH / PACED_RATE) * 1000));
  }
  const answers = () => answersOf(client);
  let closeCode: number | undefined;
  if (expectedClose === undefined) {
    // A missing answer shows up in the report's comparison, not as a bare timeout.
    await client
      .until(() => answers().length >= expected.length, 30_000, `${expected.length} answers`)
      .catch(() => undefined);
    const early = await Promise.race([client.closed, Promise.resolve(undefined)]);
    closeCode = early?.code;
    client.close();
  } else closeCode = (await client.closed).code;
  return {
    expected,
    received: answers().map(keyOf),
    closeCode,
    expectedClose,
    frames: described,
  };
}

/** The first difference between what a hammer expected and what it got, or undefined. */
export function firstMismatch(report: HammerReport): string | undefined {
  const length = Math.max(report.expected.length, report.received.length);
  for (let i = 0; i < length; i++) {
    if (report.expected[i] !== report.received[i]) {
      return `answer ${i}: expected ${report.expected[i]}, got ${report.received[i]} for frame ${report.frames[i]}`;
    }
  }
  if (report.closeCode !== report.expectedClose) {
    return `close code ${report.closeCode}, expected ${report.expectedClose}`;
  }
  return undefined;
}

/** A flood: `count` pings at once. Resolves with the answers and the close code. */
export async function flood(wsUrl: string, count: number): Promise<{ answers: string[]; closeCode: number }> {
  const client = await TestClient.connect(wsUrl);
  await client.waitFor((message) => message.type === "welcome");
  for (let i = 0; i < count; i++) client.send({ type: "ping", id: `f${i}`, t: i });
  const closed = await client.closed;
  return { answers: answersOf(client).map(keyOf), closeCode: closed.code };
}

/** A well-behaved client subscribed to every device: records seqs per device as they arrive. */
export async function watcher(wsUrl: string) {
  const client = await TestClient.connect(wsUrl);
  await client.waitFor((message) => message.type === "welcome");
  await client.request({ type: "subscribe", id: "all", devices: ["*"] });
  return client;
}
