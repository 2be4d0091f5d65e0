/**
 * Scenario 7, hostile input: fast-check generated frames (bad JSON, wrong types, huge numbers,
 * deep nesting, binary, oversize, invalid UTF-8) and floods from many connections at once, while
 * a dashboard in Chromium and a raw client watch live data. The server never falls over, every
 * bad frame gets its error or close code, and the well-behaved clients lose nothing.
 */
import { expect, test } from "@playwright/test";
import fc from "fast-check";
import { fetchWelcome } from "../support/fleetClient";
import { firstMismatch, flood, hammer, watcher } from "../support/hostileClients";
import { answeredFrame, closingFrame } from "../support/hostileFrames";
import { missingSeqs, watchSockets } from "../support/pageSockets";
import { connectionStatus, onlineDevice, openDeviceView, pick, setupFleet } from "../support/resilience";
import { fetchHealth } from "../support/serverProbe";

const start = setupFleet();

/** Frames that each get an error answer, spread over the paced connections. */
const ANSWERED = pick(10_000, 100_000);
const HAMMERS = pick(24, 64);
/** Connections that send a few bad frames and then one the server must close on. */
const CLOSERS = pick(40, 200);
const FLOODS = pick(4, 20);
const FLOOD_SIZE = 500;
/** Fixed seed: the same frames on every run; set FUZZ_SEED to explore others. */
const SEED = Number(process.env.FUZZ_SEED ?? 7);

test(`${ANSWERED} hostile frames, ${CLOSERS} closing frames and ${FLOODS} floods: the server answers each and live data is untouched`, async ({
  page,
}) => {
  test.setTimeout(pick(90_000, 300_000));
  const { server } = await start();
  const wsUrl = `${server.url.replace(/^http/, "ws")}/ws`;
  // Generated before anything connects: sampling 100 000 frames blocks this process for seconds.
  const frames = fc.sample(answeredFrame, { numRuns: ANSWERED, seed: SEED });
  const perHammer = Math.ceil(ANSWERED / HAMMERS);
  const closers = fc.sample(fc.tuple(fc.array(answeredFrame, { maxLength: 10 }), closingFrame), {
    numRuns: CLOSERS,
    seed: SEED + 1,
  });
  const device = await onlineDevice(server.url, "thermostat");
  const sockets = watchSockets(page);
  // Straight to the server: no fault is injected here, and the proxy shares this busy process.
  await openDeviceView(page, server, device);
  const bystander = await watcher(wsUrl);

  const [reports, closed, floods] = await Promise.all([
    Promise.all(
      Array.from({ length: HAMMERS }, (_, i) =>
        hammer(wsUrl, frames.slice(i * perHammer, (i + 1) * perHammer)),
      ),
    ),
    Promise.all(closers.map(([before, last]) => hammer(wsUrl, [...before, last]))),
    Promise.all(Array.from({ length: FLOODS }, () => flood(wsUrl, FLOOD_SIZE))),
  ]);

  // Every answered frame got exactly its error, in order, and every probe its pong.
  const mismatches = [...reports, ...closed].map(firstMismatch).filter((m) => m !== undefined);
  expect(mismatches).toEqual([]);
  expect(reports.reduce((sum, report) => sum + report.received.length, 0)).toBeGreaterThanOrEqual(ANSWERED);
  expect(new Set(closed.map((report) => report.closeCode))).toEqual(new Set([1007, 1009]));
  // A flood is answered until the limit bites, then refused with rate_limited, then closed 1008.
  for (const result of floods) {
    expect(result.closeCode).toBe(1008);
    expect(result.answers.filter((answer) => answer.startsWith("pong:")).length).toBeGreaterThan(0);
    expect(
      result.answers.filter((answer) => answer.startsWith("error:rate_limited:")).length,
    ).toBeGreaterThan(0);
    expect(result.answers.every((answer) => /^(pong|error:rate_limited):/.test(answer))).toBe(true);
  }

  // The server is still up and serving; the bystanders saw every seq, once, with no gap.
  expect(server.alive()).toBe(true);
  expect((await fetchHealth(server.url)).ok).toBe(true);
  const pong = await bystander.request({ type: "ping", id: "after", t: 1 });
  expect(pong).toMatchObject({ type: "pong", id: "after" });
  expect(bystander.messages.filter((message) => message.type === "gap" || message.type === "error")).toEqual(
    [],
  );
  for (const { id } of (await fetchWelcome(server.url)).fleet) {
    const seqs = bystander.seqs(id);
    expect(seqs.length, id).toBeGreaterThan(0);
    expect(
      seqs.every((seq, i) => i === 0 || seq === (seqs[i - 1] as number) + 1),
      id,
    ).toBe(true);
  }
  bystander.close();
  const received = sockets.series(device.id);
  expect(missingSeqs(received)).toEqual([]);
  expect(received.duplicates).toBe(0);
  expect(received.gaps).toEqual([]);
  expect(sockets.sockets).toHaveLength(1);
  await expect(connectionStatus(page)).toHaveText(/^Live$/);
});
