import { describe, expect, it } from "vitest";
import { ENGINES, useEngine } from "../../../testing/storeEngines";
import { watermarks } from "./historySql";
import { DAY_MS, type HistoryStore, HOUR_MS, PAST_RUN_MS } from "./historyStore";
import { LATENESS_MS } from "./rollupJob";
import { type SqlEngine, scalar } from "./sqlEngine";
import type { TieredStore } from "./tieredStore";

const MINUTE = 60_000;
/** Mid-day, so the two periods written below lie whole in the past. */
const NOW = 1_795_000_000_000 - (1_795_000_000_000 % DAY_MS) + 20 * HOUR_MS + 7_000;
const FROM = NOW - (NOW % PAST_RUN_MS) - 2 * PAST_RUN_MS;
const STEP = MINUTE;
const DEVICES = ["dev-0", "dev-1", "dev-2"];

/**
 * Two `PAST_RUN_MS` periods of three devices x two metrics, written as the simulator's backfill
 * writes them: device by device within a period, a commit and a maintenance run after each
 * device, `pastComplete` at each period's end. Calls `check` after each device's maintenance.
 */
async function writeDeviceByDevice(store: HistoryStore, check: (hold: number) => Promise<void>) {
  await store.pastComplete(FROM);
  for (let from = FROM; from < FROM + 2 * PAST_RUN_MS; from += PAST_RUN_MS) {
    for (const [d, device] of DEVICES.entries()) {
      for (let t = from; t < from + PAST_RUN_MS; t += STEP)
        store.append(device, t, ["a", "b"], [d + ((t / STEP) % 7), 100 - d]);
      await store.flush();
      await store.maintain();
      await check(from);
    }
    await store.pastComplete(from + PAST_RUN_MS);
  }
  await store.pastComplete(undefined);
  await store.maintain();
}

describe.each(ENGINES)("a writer of the past on %s", (engine) => {
  const fixture = useEngine(engine);

  it("keeps rollups behind what every device has written, so none of it is re-rolled as late", async () => {
    const store = await fixture.open({ now: () => NOW, maintainMs: 3_600_000 });
    const { engine } = store as TieredStore;
    await writeDeviceByDevice(store, async (hold) => {
      // dev-0 is 6 h ahead of dev-2: a rollup to dev-0's front would make dev-2's rows late.
      expect((await watermarks(engine.read))["1m"]).toBeLessThanOrEqual(hold);
      expect(await scalar(engine.read, "SELECT count(*) FROM history_dirty")).toBe(0);
    });
    for (const [d, device] of DEVICES.entries()) {
      const answer = await store.query({ device, from: FROM, to: FROM + 2 * PAST_RUN_MS, points: 12 });
      expect(answer.tier).toBe("1h");
      expect(answer.metrics.a?.count).toEqual(Array(12).fill(60));
      expect(answer.metrics.b?.max).toEqual(Array(12).fill(100 - d));
    }
    // Released: the rollup goes on to the newest sample, as for any writer.
    const edge = FROM + 2 * PAST_RUN_MS - STEP - LATENESS_MS;
    expect((await watermarks(engine.read))["1m"]).toBe(edge - (edge % MINUTE));
  });

  // DuckDB only: PostgreSQL reads through its (series, t) index and never compacts.
  it.runIf(engine === "duckdb")(
    "takes periods written device by device as sorted instead of rewriting them",
    async () => {
      const store = await fixture.open({ now: () => NOW, maintainMs: 3_600_000 });
      const rewrites = spyOnRewrites(store);
      await writeDeviceByDevice(store, async () => {});
      // The hour pass sorts the last period's hours once the writer is done; neither period is
      // rewritten whole, and the first one not at all.
      expect(rewrites.filter((from) => from < FROM + PAST_RUN_MS)).toEqual([]);
      const { engine } = store as TieredStore;
      expect(
        await scalar(engine.read, "SELECT rolled_to FROM history_rollup WHERE tier = 'raw merged'"),
      ).toBe(FROM + 2 * PAST_RUN_MS);
      // Stored in (series, t) order within each period, as compaction would have left them.
      expect(
        await scalar(
          engine.read,
          `SELECT count(*) FROM (SELECT series, t, lag(series) OVER w AS s0, lag(t) OVER w AS t0 FROM history_raw WINDOW w AS (PARTITION BY t // ${PAST_RUN_MS} ORDER BY rowid)) AS r WHERE series < s0 OR (series = s0 AND t <= t0)`,
        ),
      ).toBe(0);
    },
  );

  // DuckDB only, as above: there is no rewrite to see on PostgreSQL.
  it.runIf(engine === "duckdb")(
    "rewrites a period that also holds rows from before the writer began",
    async () => {
      const store = await fixture.open({ now: () => NOW, maintainMs: 3_600_000 });
      // A sample stored earlier, in the first period: the backfill's rows are not all it holds.
      store.append("dev-1", FROM + HOUR_MS + 1, ["a"], [42]);
      await store.flush();
      const rewrites = spyOnRewrites(store);
      await writeDeviceByDevice(store, async () => {});
      expect(rewrites.filter((from) => from < FROM + PAST_RUN_MS).length).toBeGreaterThan(0);
      const answer = await store.query({ device: "dev-1", from: FROM, to: FROM + PAST_RUN_MS, points: 6 });
      expect(answer.metrics.a?.count).toEqual([60, 61, 60, 60, 60, 60]);
    },
  );
});

/** The start of every range compaction rewrites on the store's maintenance connection. */
function spyOnRewrites(store: HistoryStore): number[] {
  const beside = (store as TieredStore).engine.beside as SqlEngine;
  const transaction = beside.transaction.bind(beside);
  const starts: number[] = [];
  Object.assign(beside, {
    transaction: <T>(body: Parameters<SqlEngine["transaction"]>[0]) =>
      transaction(
        (tx) =>
          body({
            ...tx,
            run: (sql: string, params?: readonly string[]) => {
              const from = /history_sorting AS .* WHERE t >= (\d+)/.exec(sql)?.[1];
              if (from) starts.push(Number(from));
              return tx.run(sql, params);
            },
          }) as Promise<T>,
      ),
  });
  return starts;
}
