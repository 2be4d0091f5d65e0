import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { describe, expect, it } from "vitest";
import { ENGINES, useEngine } from "../../../testing/storeEngines";
import { DUCKDB_FILE } from "./duckdbStore";
import { DAY_MS, type HistoryAnswer, type HistoryQuery, type HistoryStore, HOUR_MS } from "./historyStore";

const START = 1_795_000_000_000 - (1_795_000_000_000 % DAY_MS);
const STEP = 10_000;
const DEVICES = ["meter-1", "meter-2", "meter-3"];
const value = (d: number, i: number) => Math.round((230 + d + 2 * Math.sin(i / 30)) * 100) / 100;

/**
 * Two hours of three devices, written as the fleet writes: every device at each time step; then
 * one sample of the third hour, since a period is compacted once newer data exists.
 */
function writeTwoHours(store: HistoryStore) {
  for (let i = 0; i < (2 * HOUR_MS) / STEP; i++)
    for (const [d, device] of DEVICES.entries())
      store.append(device, START + i * STEP, ["voltage", "current"], [value(d, i), d + (i % 5) / 10]);
  store.append("meter-3", START + 2 * HOUR_MS, ["voltage"], [230]);
}

const QUERIES: HistoryQuery[] = [
  { device: "meter-2", from: START, to: START + HOUR_MS, points: 100 }, // raw, 36 s buckets
  { device: "meter-2", from: START, to: START + 2 * HOUR_MS, points: 60 }, // 1m, 2 min buckets
  { device: "meter-1", from: START + 1_000, to: START + 600_000, points: 1000 }, // raw, one per bucket
  { device: "meter-3", from: START, to: START + 2 * HOUR_MS, points: 2 }, // 1h
];

/** Answers with averages rounded: a sum over a different row order may differ in the last bit. */
function comparable(answer: HistoryAnswer) {
  const metrics = Object.entries(answer.metrics).map(([name, m]) => [
    name,
    { ...m, avg: m.avg.map((a) => (a === null ? null : Math.round(a * 1e9) / 1e9)) },
  ]);
  return { ...answer, metrics: Object.fromEntries(metrics) };
}

/**
 * Rows of history_raw in `[from, to)` stored out of (series, t) order within their `period`,
 * read from the closed file.
 */
async function unsortedRows(dataDir: string, from: number, to: number, period = HOUR_MS): Promise<number> {
  const instance = await DuckDBInstance.create(join(dataDir, DUCKDB_FILE), { access_mode: "READ_ONLY" });
  const db = await instance.connect();
  const reader = await db.runAndReadAll(
    `SELECT count(*) FROM (SELECT series, t, lag(series) OVER w AS s0, lag(t) OVER w AS t0 FROM history_raw WHERE t >= ${from} AND t < ${to} WINDOW w AS (PARTITION BY t // ${period} ORDER BY rowid)) AS r WHERE series < s0 OR (series = s0 AND t <= t0)`,
  );
  const count = Number(reader.getRows()[0]?.[0]);
  db.closeSync();
  instance.closeSync();
  return count;
}

describe.each(ENGINES)("compaction on %s", (engine) => {
  const fixture = useEngine(engine);

  it("answers exactly what it answered before compacting", async () => {
    let now = START + 2 * HOUR_MS - 1;
    const store = await fixture.open({ now: () => now });
    writeTwoHours(store);
    await store.flush();
    const before = await Promise.all(QUERIES.map((q) => store.query(q)));
    const rawBefore = await store.readRaw("meter-2", START - 1, 10_000);
    expect(before.map((a) => a.tier)).toEqual(["raw", "1m", "raw", "1h"]);
    expect(rawBefore).toHaveLength(720);
    now = START + 2 * HOUR_MS + 10_000; // both hours closed
    await store.maintain();
    const after = await Promise.all(QUERIES.map((q) => store.query(q)));
    expect(after.map(comparable)).toEqual(before.map(comparable));
    expect(await store.readRaw("meter-2", START - 1, 10_000)).toEqual(rawBefore);
    if (engine !== "duckdb") return;
    await store.close();
    expect(await unsortedRows(fixture.target, START, START + 2 * HOUR_MS)).toBe(0);
  });

  it("counts late samples and repeats in a compacted hour once, and sorts the hour again", async () => {
    let now = START + 2 * HOUR_MS + 10_000;
    const store = await fixture.open({ now: () => now });
    writeTwoHours(store);
    await store.flush();
    await store.maintain();
    // Late: a new time inside the first (compacted) hour; a repeat: a sample stored already.
    store.append("meter-2", START + 5_000, ["voltage"], [999]);
    store.append("meter-2", START + 20_000, ["voltage", "current"], [value(1, 2), 1.2]);
    await store.flush();
    now += 1;
    await store.maintain();
    await store.maintain(); // DuckDB re-rolls the minute a repeat was counted in once it is dropped
    const raw = await store.readRaw("meter-2", START - 1, 10_000);
    expect(raw).toHaveLength(721);
    expect(raw[1]).toMatchObject({ time: START + 5_000, metrics: ["voltage"], values: [999] });
    expect(raw[2]?.time).toBe(START + 10_000);
    const query = {
      device: "meter-2",
      from: START,
      to: START + 2 * HOUR_MS,
      points: 60,
      metrics: ["voltage"],
    };
    const answer = await store.query(query);
    expect(answer.tier).toBe("1m");
    expect(answer.metrics.voltage?.count.slice(0, 3)).toEqual([13, 12, 12]);
    expect(answer.metrics.voltage?.max[0]).toBe(999);
    expect(answer.metrics.voltage?.count.reduce((a, b) => a + b, 0)).toBe(721);
    if (engine !== "duckdb") return;
    await store.close();
    expect(await unsortedRows(fixture.target, START, START + 2 * HOUR_MS)).toBe(0);
  });

  // Compaction exists only for DuckDB (PostgreSQL reads by its (series, t) index).
  it.runIf(engine === "duckdb")("merges a closed 6-hour period into one run per series", async () => {
    const store = await fixture.open({ now: () => START + 7 * HOUR_MS + 10_000 });
    for (let i = 0; i <= (7 * HOUR_MS) / 60_000; i++)
      for (const [d, device] of DEVICES.entries())
        store.append(device, START + i * 60_000, ["voltage"], [value(d, i)]);
    await store.flush();
    const query = { device: "meter-1", from: START, to: START + 7 * HOUR_MS, points: 500 };
    const before = await store.query(query);
    await store.maintain();
    expect(comparable(await store.query(query))).toEqual(comparable(before));
    await store.close();
    // Sorted hour by hour only, the 6 hours would hold a series boundary per hour and series.
    expect(await unsortedRows(fixture.target, START, START + 6 * HOUR_MS, 6 * HOUR_MS)).toBe(0);
    expect(await unsortedRows(fixture.target, START + 6 * HOUR_MS, START + 7 * HOUR_MS)).toBe(0);
  });

  // Compaction exists only for DuckDB (PostgreSQL reads by its (series, t) index).
  it.runIf(engine === "duckdb")("leaves open hours in arrival order (the check can fail)", async () => {
    const store = await fixture.open({ now: () => START + HOUR_MS - 1 });
    // Committed every 10 minutes: each commit's rows go in by series (historySql.ts,
    // `seriesOrder`), so the hour holds six runs per series until it is compacted.
    for (let i = 0; i < HOUR_MS / STEP; i++) {
      for (const [d, device] of DEVICES.entries())
        store.append(device, START + i * STEP, ["voltage"], [value(d, i)]);
      if ((i + 1) % 60 === 0) await store.flush();
    }
    await store.maintain();
    await store.close();
    expect(await unsortedRows(fixture.target, START, START + HOUR_MS)).toBeGreaterThan(0);
  });
});
