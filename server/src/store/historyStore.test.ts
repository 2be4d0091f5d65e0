import { describe, expect, it } from "vitest";
import { ENGINES, useEngine } from "../../../testing/storeEngines";
import { DAY_MS, type HistoryAnswer, HOUR_MS, type StoredSample } from "./historyStore";

const START = 1_795_000_000_000 - (1_795_000_000_000 % DAY_MS); // midnight UTC
const STEP = 10_000; // one sample per 10 s
const temperature = (i: number) => Math.round((20 + 5 * Math.sin(i / 50)) * 100) / 100;
const humidity = (i: number) => 40 + (i % 7);

/** The buckets a correct store must answer for samples 0..n-1, computed here independently. */
function expected(n: number, from: number, to: number, bucketMs: number) {
  const buckets = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const time = START + i * STEP;
    if (time < from || time >= to) continue;
    const b = time - (time % bucketMs);
    buckets.set(b, [...(buckets.get(b) ?? []), temperature(i)]);
  }
  const t = [...buckets.keys()].sort((a, b) => a - b);
  const values = t.map((b) => buckets.get(b) as number[]);
  return {
    t,
    min: values.map((v) => Math.min(...v)),
    max: values.map((v) => Math.max(...v)),
    avg: values.map((v) => v.reduce((a, b) => a + b, 0) / v.length),
    count: values.map((v) => v.length),
  };
}

function expectBuckets(answer: HistoryAnswer, want: ReturnType<typeof expected>) {
  const got = answer.metrics.temperature;
  expect(answer.t).toEqual(want.t);
  expect(got?.count).toEqual(want.count);
  expect(got?.min).toEqual(want.min);
  expect(got?.max).toEqual(want.max);
  for (const [i, avg] of (got?.avg ?? []).entries()) expect(avg).toBeCloseTo(want.avg[i] as number, 9);
}

describe.each(ENGINES)("history store on %s", (engine) => {
  const fixture = useEngine(engine);

  it("answers raw samples one per bucket when the range holds no more than `points`", async () => {
    const store = await fixture.open({ now: () => START + HOUR_MS });
    for (let i = 0; i < 10; i++)
      store.append("thermo-1", START + i * STEP, ["temperature", "humidity"], [temperature(i), humidity(i)]);
    await store.flush();
    const answer = await store.query({ device: "thermo-1", from: START, to: START + HOUR_MS, points: 10 });
    expect(answer).toMatchObject({ device: "thermo-1", tier: "raw", bucketMs: 1 });
    expect(answer.t).toEqual(Array.from({ length: 10 }, (_, i) => START + i * STEP));
    expect(answer.metrics.humidity?.avg).toEqual(Array.from({ length: 10 }, (_, i) => humidity(i)));
    expect(answer.metrics.temperature?.count).toEqual(Array(10).fill(1));
    expect(store.stats().valuesWritten).toBe(20);
  });

  it("keeps min/max/avg/count exact across the raw, 1m and 1h tiers (2 days of data)", async () => {
    let now = START;
    const store = await fixture.open({ now: () => now });
    const n = (2 * DAY_MS) / STEP;
    for (let i = 0; i < n; i++) {
      store.append("thermo-1", START + i * STEP, ["temperature", "humidity"], [temperature(i), humidity(i)]);
      if (i % 2160 === 2159) {
        now = START + (i + 1) * STEP; // the clock moves with the data; the job runs every 6 h
        await store.flush();
        await store.maintain();
      }
    }
    const end = START + n * STEP;
    const hour = await store.query({
      device: "thermo-1",
      from: end - HOUR_MS,
      to: end,
      points: 100,
      metrics: ["temperature"],
    });
    expect([hour.tier, hour.bucketMs]).toEqual(["raw", 36_000]);
    expectBuckets(hour, expected(n, end - HOUR_MS, end, 36_000));
    const day = await store.query({ device: "thermo-1", from: end - DAY_MS, to: end, points: 1000 });
    expect([day.tier, day.bucketMs]).toEqual(["1m", 120_000]);
    expectBuckets(day, expected(n, end - DAY_MS, end, 120_000));
    const month = await store.query({ device: "thermo-1", from: end - 30 * DAY_MS, to: end, points: 1000 });
    expect([month.tier, month.bucketMs]).toEqual(["1h", HOUR_MS]);
    expectBuckets(month, expected(n, end - 30 * DAY_MS, end, HOUR_MS));
    const year = await store.query({ device: "thermo-1", from: end - 360 * DAY_MS, to: end, points: 100 });
    expect([year.tier, year.bucketMs]).toEqual(["1h", 87 * HOUR_MS]);
    expectBuckets(year, expected(n, end - 360 * DAY_MS, end, 87 * HOUR_MS));
  });

  it("includes the live edge not yet rolled up, and late samples once re-rolled", async () => {
    let now = START + 2 * HOUR_MS;
    const store = await fixture.open({ now: () => now });
    for (let i = 0; i < 720; i++)
      store.append("thermo-1", START + i * STEP, ["temperature"], [temperature(i)]);
    await store.flush();
    await store.maintain();
    // Late: a sample inside an already rolled minute; live: samples after the watermark.
    store.append("thermo-1", START + 5_000, ["temperature"], [99]);
    for (let i = 720; i < 730; i++)
      store.append("thermo-1", START + i * STEP, ["temperature"], [temperature(i)]);
    await store.flush();
    now += 1;
    await store.maintain();
    const answer = await store.query({
      device: "thermo-1",
      from: START,
      to: START + 3 * HOUR_MS,
      points: 100,
    });
    expect(answer.tier).toBe("1m");
    expect(answer.metrics.temperature?.count.reduce((a, b) => a + b, 0)).toBe(731);
    expect(answer.metrics.temperature?.max[0]).toBe(99);
  });

  it("leaves buckets with no sample out, so gaps show", async () => {
    const store = await fixture.open({ now: () => START + HOUR_MS });
    for (let i = 0; i < 180; i++) {
      if (i >= 60 && i < 120) continue; // 10 minutes of silence
      store.append("thermo-1", START + i * STEP, ["temperature"], [temperature(i)]);
    }
    await store.flush();
    const answer = await store.query({
      device: "thermo-1",
      from: START,
      to: START + 30 * 60_000,
      points: 30,
    });
    expect(answer.bucketMs).toBe(60_000);
    expect(answer.t).toEqual(
      [...Array(10).keys(), ...Array.from({ length: 10 }, (_, i) => 20 + i)].map((m) => START + m * 60_000),
    );
  });

  it("enforces retention per tier, keeping rollups after raw is gone", async () => {
    let now = START;
    const retention = { retentionRaw: HOUR_MS, retention1m: 2 * HOUR_MS, retention1h: 4 * HOUR_MS };
    const store = await fixture.open({ now: () => now, ...retention });
    for (let i = 0; i < (6 * HOUR_MS) / STEP; i++) {
      store.append("thermo-1", START + i * STEP, ["temperature"], [temperature(i)]);
      if (i % 180 === 179) {
        now = START + (i + 1) * STEP;
        await store.flush();
        await store.maintain();
      }
    }
    const raw = await store.readRaw("thermo-1", 0, 100_000);
    expect(raw[0]?.time).toBeGreaterThanOrEqual(now - HOUR_MS - 60_000);
    expect(raw.at(-1)?.time).toBe(now - STEP);
    const all = await store.query({ device: "thermo-1", from: START, to: now, points: 100 });
    expect(all.tier).toBe("1h");
    expect(all.t[0]).toBe(START + 2 * HOUR_MS); // older hours past retention1h
    expect((await store.newestTimes()).get("thermo-1")).toBe(now - STEP);
  });

  it("stores each value as an integer at its metric's decimals and reads it back exactly", async () => {
    const decimals = [0, 1, 2, 3];
    const round = (value: number, places: number) => Math.round(value * 10 ** places) / 10 ** places;
    const store = await fixture.open({ now: () => START + 3 * HOUR_MS });
    const sent: number[][] = [];
    for (let i = 0; i < 7200; i++) {
      const wave = Math.sin(i / 97) * 1234.5678 - 17.25;
      const values = decimals.map((places, m) => round(wave * (m + 1) + i / 7, places));
      if (i === 5) values[2] = 90_071_992_547_409.91; // 2^53 / 100: the largest a 2-decimal metric holds
      sent.push(values);
      store.append("meter-1", START + i * 1000, ["a", "b", "c", "d"], values, decimals);
    }
    store.append("meter-1", START + 7200_000, ["e"], [21.77888007474168]); // default: 6 decimals
    await store.flush();
    const raw = await store.readRaw("meter-1", 0, 10_000);
    expect(raw.slice(0, 7200).map((s) => s.values)).toEqual(sent);
    expect(raw.at(-1)?.values).toEqual([21.77888]);
    // Minutes and hours keep min and max exact, and the average within a double's rounding.
    await store.maintain();
    const hours = await store.query({ device: "meter-1", from: START, to: START + 2 * HOUR_MS, points: 2 });
    expect(hours.tier).not.toBe("raw");
    for (const [m, name] of ["a", "b", "c", "d"].entries()) {
      const firstHour = sent.slice(0, 3600).map((values) => values[m] as number);
      const column = hours.metrics[name];
      expect(column?.min[0]).toBe(Math.min(...firstHour));
      expect(column?.max[0]).toBe(Math.max(...firstHour));
      const mean = firstHour.reduce((a, b) => a + b) / 3600;
      expect(Math.abs(((column?.avg[0] as number) - mean) / mean)).toBeLessThan(1e-12);
    }
  });

  it("refuses decimals out of range and values beyond 2^53 once scaled, counting them", async () => {
    const store = await fixture.open({ now: () => START + HOUR_MS });
    expect(store.append("meter-1", START, ["a"], [1], [10])).toBe(false);
    expect(store.append("meter-1", START, ["a"], [1], [1.5])).toBe(false);
    expect(store.append("meter-1", START, ["a"], [1e14], [2])).toBe(false);
    expect(store.append("meter-1", START, ["a", "b"], [1, 2], [2])).toBe(false);
    expect(store.stats().samplesDropped).toBe(4);
    // A series keeps the decimals it was created with.
    expect(store.append("meter-1", START, ["a"], [1.25], [2])).toBe(true);
    expect(store.append("meter-1", START + 1000, ["a"], [1.256], [3])).toBe(true);
    await store.flush();
    expect((await store.readRaw("meter-1", 0, 10)).map((s) => s.values[0])).toEqual([1.25, 1.26]);
  });

  it("rejects bad queries with bad_request and keeps working", async () => {
    const store = await fixture.open({ now: () => 3000 });
    const base = { device: "thermo-1", from: 1000, to: 2000, points: 10 };
    for (const [query, message] of [
      [{ ...base, from: 2000 }, "from: must be less than to"],
      [{ ...base, points: 0 }, "points: expected an integer in 1..10000"],
      [{ ...base, to: Number.NaN }, "to: expected ms since the epoch"],
    ] as const) {
      await expect(store.query(query)).rejects.toMatchObject({ code: "bad_request", message });
    }
    store.append("thermo-1", 1500, ["temperature"], [21]);
    await store.flush();
    await expect(store.query({ ...base, metrics: ["nope"] })).rejects.toMatchObject({ code: "bad_request" });
    const answer = await store.query(base);
    expect(answer.t).toEqual([1500]);
    expect((await store.query({ ...base, device: "unknown" })).t).toEqual([]);
  });

  // Only PostgreSQL is shared by several servers; a DuckDB dir has one writer.
  it.runIf(engine === "postgres")("keeps each sample once when two servers write it", async () => {
    let now = START + HOUR_MS;
    const [a, b] = [await fixture.open({ now: () => now }), await fixture.open({ now: () => now })];
    // Both servers get every sample (one broker); each commits on its own timer.
    for (let i = 0; i < 200; i++) {
      for (const store of [a, b])
        store.append(
          "thermo-1",
          START + i * STEP,
          ["temperature", "humidity"],
          [temperature(i), humidity(i)],
        );
      if (i % 50 === 49) await Promise.all([a.flush(), b.flush()]);
    }
    b.append("thermo-1", START + 200 * STEP, ["temperature"], [temperature(200)]);
    await Promise.all([a.flush(), b.flush()]);
    now = START + 2 * HOUR_MS;
    await a.maintain();
    await b.maintain();
    for (const store of [a, b]) {
      const raw = await store.readRaw("thermo-1", 0, 1000);
      expect(raw.map((s) => s.time)).toEqual(Array.from({ length: 201 }, (_, i) => START + i * STEP));
      const seventh = raw[7] as StoredSample;
      expect(Object.fromEntries(seventh.metrics.map((m, k) => [m, seventh.values[k]]))).toEqual({
        temperature: temperature(7),
        humidity: humidity(7),
      });
      const answer = await store.query({ device: "thermo-1", from: START, to: START + HOUR_MS, points: 10 });
      expect(answer.tier).toBe("1m");
      expectBuckets(answer, expected(201, START, START + HOUR_MS, answer.bucketMs));
    }
    expect(a.stats().valuesWritten + b.stats().valuesWritten).toBe(2 * 400 + 1);
  });

  it("drops and counts samples beyond the bounded buffer, never throwing", async () => {
    const store = await fixture.open({ bufferBytes: 20 * 100 });
    const accepted = Array.from({ length: 150 }, (_, i) => store.append("d", 1000 + i, ["v"], [i]));
    const kept = accepted.filter(Boolean).length;
    expect(kept).toBeGreaterThan(90); // 20 B a value, plus the series key once
    expect(accepted.slice(kept).some(Boolean)).toBe(false);
    expect(store.stats().samplesDropped).toBe(150 - kept);
    expect(store.append("d", 1, ["a", "b"], [1])).toBe(false);
    await store.flush();
    expect((await store.readRaw("d", 0, 1000)).length).toBe(kept);
  });
});
