import { describe, expect, it } from "vitest";
import { ENGINES, useEngine } from "../../../testing/storeEngines";
import { watermarks } from "./historySql";
import { DAY_MS, type HistoryStore, HOUR_MS } from "./historyStore";
import { LATENESS_MS, nextSliceMs, ROLLUP_SLICE_MS, rollUp } from "./rollupJob";
import type { TieredStore } from "./tieredStore";

const MINUTE = 60_000;
const NOW = 1_795_000_000_000 - (1_795_000_000_000 % DAY_MS) + 12 * HOUR_MS + 7_000;

/**
 * Appends `devices` x one metric from `from` to `to` every `step` ms in time order, committing every
 * `chunk` ms of samples and running maintenance every `maintainEvery` chunks, while the clock stays at
 * NOW: a backfill of old samples, as simSource does it.
 */
async function backfill(
  store: HistoryStore,
  o: { devices: number; from: number; to: number; step: number; chunk: number; maintainEvery: number },
) {
  let chunks = 0;
  for (let start = o.from; start < o.to; start += o.chunk) {
    for (let t = start; t < Math.min(o.to, start + o.chunk); t += o.step)
      for (let d = 0; d < o.devices; d++) store.append(`dev-${d}`, t, ["x"], [d + ((t / o.step) % 10)]);
    await store.flush();
    if (++chunks % o.maintainEvery === 0) await store.maintain();
  }
  await store.maintain();
}

/** Every bucket of `width` in [from, to) with the count a complete tier holds. */
async function expectEveryBucket(
  store: HistoryStore,
  device: string,
  from: number,
  to: number,
  width: number,
  per: number,
) {
  const points = (to - from) / width;
  const answer = await store.query({ device, from, to, points });
  expect([answer.tier, answer.bucketMs]).toEqual([width === MINUTE ? "1m" : "1h", width]);
  const counts = new Map(answer.t.map((t, i) => [t, answer.metrics.x?.count[i]]));
  const missing: number[] = [];
  const wrong: string[] = [];
  for (let b = from; b < to; b += width) {
    const c = counts.get(b);
    if (c === undefined) missing.push(b);
    else if (c !== per) wrong.push(`${new Date(b).toISOString()}: ${c}`);
  }
  expect({
    missing: missing.length,
    firstMissing: missing[0] && new Date(missing[0]).toISOString(),
    wrong: wrong.slice(0, 5),
  }).toEqual({
    missing: 0,
    firstMissing: undefined,
    wrong: [],
  });
}

describe.each(ENGINES)("rollups of a backfill on %s", (engine) => {
  const fixture = useEngine(engine);

  it("rolls up every minute and hour of 3 days backfilled with 24 h of raw retention", async () => {
    const store = await fixture.open({ now: () => NOW, retentionRaw: DAY_MS, maintainMs: 3_600_000 });
    const from = NOW - (NOW % HOUR_MS) - 72 * HOUR_MS;
    const to = NOW - (NOW % MINUTE);
    await backfill(store, { devices: 2, from, to, step: 10_000, chunk: 20 * MINUTE, maintainEvery: 3 });
    await expectEveryBucket(store, "dev-1", from, to - (to % HOUR_MS), HOUR_MS, 360);
    await expectEveryBucket(store, "dev-1", to - 70 * HOUR_MS, to, MINUTE, 6);
    const answer = await store.query({ device: "dev-0", from: from, to: NOW - DAY_MS - MINUTE, points: 10 });
    expect(answer.tier).toBe("1h"); // raw older than its retention is gone
  }, 60_000);

  it("rolls up every hour of a few hundred series in one run", async () => {
    const store = await fixture.open({ now: () => NOW, maintainMs: 3_600_000 });
    const to = NOW - (NOW % HOUR_MS);
    const from = to - 6 * HOUR_MS;
    await backfill(store, { devices: 400, from, to, step: 30_000, chunk: 6 * HOUR_MS, maintainEvery: 1 });
    for (const device of ["dev-0", "dev-199", "dev-399"])
      await expectEveryBucket(store, device, from, to, HOUR_MS, 120);
  }, 60_000);

  it("keeps the rollup behind the newest committed sample, so a backfill is never re-rolled as late", async () => {
    const store = await fixture.open({ now: () => NOW, maintainMs: 3_600_000 });
    const { engine } = store as TieredStore;
    const front = NOW - 5 * HOUR_MS + 30_000;
    for (let t = front - HOUR_MS; t <= front; t += 10_000) store.append("dev-0", t, ["x"], [1]);
    await store.flush();
    await store.maintain();
    // The clock is 5 h ahead: rolling up to it would make every later backfilled sample late.
    expect((await watermarks(engine.read))["1m"]).toBe(
      front - LATENESS_MS - ((front - LATENESS_MS) % MINUTE),
    );
    const [[dirty]] = (await engine.read.run("SELECT count(*) FROM history_dirty")) as [[number]];
    expect(Number(dirty)).toBe(0);
  });

  it("rolls a backlog up in slices of ROLLUP_SLICE_MS, each its own transaction", async () => {
    const store = await fixture.open({ now: () => NOW, maintainMs: 3_600_000 });
    const { engine } = store as TieredStore;
    const from = NOW - (NOW % HOUR_MS) - 3 * HOUR_MS;
    for (let t = from; t < NOW; t += 30_000) store.append("dev-0", t, ["x"], [t % 7]);
    await store.flush();
    const marks: number[] = [];
    for (let done = false; !done; marks.push((await watermarks(engine.read))["1m"]))
      done = await rollUp(engine, { now: NOW }, { raw: DAY_MS, "1m": 30 * DAY_MS, "1h": 365 * DAY_MS });
    // The first slice starts at the oldest sample (not at 1970), each advances one slice.
    expect(marks[0]).toBe(from + ROLLUP_SLICE_MS);
    expect(marks.slice(1).map((mark, i) => mark - (marks[i] as number))).toEqual(
      marks
        .slice(1)
        .map((_, i) => Math.min(ROLLUP_SLICE_MS, (marks.at(-1) as number) - (marks[i] as number))),
    );
    expect(marks.at(-1)).toBe(NOW - LATENESS_MS - ((NOW - LATENESS_MS) % MINUTE));
    await expectEveryBucket(store, "dev-0", from, from + 3 * HOUR_MS, HOUR_MS, 120);
  });
});

describe("the rollup's slice length", () => {
  it("doubles while a slice holds the lane under 100 ms, halves above 400 ms, within 1 minute..7 days", () => {
    expect(nextSliceMs(ROLLUP_SLICE_MS, 20)).toBe(2 * ROLLUP_SLICE_MS);
    expect(nextSliceMs(ROLLUP_SLICE_MS, 250)).toBe(ROLLUP_SLICE_MS);
    expect(nextSliceMs(ROLLUP_SLICE_MS, 900)).toBe(ROLLUP_SLICE_MS / 2);
    expect(nextSliceMs(MINUTE, 5_000)).toBe(MINUTE);
    expect(nextSliceMs(7 * DAY_MS, 1)).toBe(7 * DAY_MS);
  });
});
