import { spawn, spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ENGINES, useEngine } from "../../../testing/storeEngines";
import { MARKER_FILE } from "./dataDir";
import { DUCKDB_FILE } from "./duckdbStore";
import { DAY_MS } from "./historyStore";

const CHILD = ["--import", "tsx", "testing/storeChild.ts"];

async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 15_000) {
  const giveUpAt = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > giveUpAt) throw new Error(`timed out waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 20));
  }
}

describe.each(ENGINES)("history store faults on %s", (engine) => {
  const fixture = useEngine(engine);

  it("loses nothing flushed when the writing process is killed with -9", async () => {
    const child = spawn(process.execPath, [...CHILD, engine, fixture.target, "write"], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    let committed = -1;
    child.stdout.on("data", (chunk: Buffer) => {
      for (const match of chunk.toString().matchAll(/committed (\d+)/g)) committed = Number(match[1]);
    });
    await until(() => committed >= 500, "500 committed samples");
    const exited = new Promise((done) => child.once("exit", done));
    child.kill("SIGKILL");
    await exited;
    const store = await fixture.open();
    const samples = await store.readRaw("crash-1", 0, 1_000_000);
    expect(samples.length).toBeGreaterThan(committed);
    // A prefix, in order, no holes: sample n holds value n.
    expect(samples.every((s, n) => s.values[0] === n)).toBe(true);
  });

  it("keeps the byte cap by deleting the oldest data first", async () => {
    const maxBytes = 12 * 1024 * 1024;
    const perChunk = engine === "duckdb" ? 25_000 : 4_000; // either adds ~1.5 MB
    let now = 0;
    const store = await fixture.open({ maxBytes, now: () => now, retentionRaw: 10 * DAY_MS });
    let seed = 1;
    const noise = () => {
      seed = (seed * 16807) % 2147483647;
      return Math.round(seed / 2147483.647) / 100;
    };
    const metrics = ["a", "b", "c", "d"];
    let oldestAfterCap = 0;
    for (let chunk = 0, i = 0; chunk < 60 && oldestAfterCap === 0; chunk++) {
      for (let k = 0; k < perChunk; k++, i++)
        store.append(`dev-${i % 50}`, i * 100, metrics, [noise(), noise(), noise(), noise()]);
      now = i * 100;
      await store.flush();
      await store.maintain();
      const { bytes } = store.stats();
      expect(bytes.total).toBeLessThanOrEqual(maxBytes);
      const [first] = await store.readRaw("dev-0", -1, 1);
      if ((first?.time ?? 0) > 0) oldestAfterCap = first?.time as number;
    }
    expect(oldestAfterCap).toBeGreaterThan(0);
    expect((await store.newestTimes()).get("dev-49")).toBe(now - 100);
  });

  // Only PostgreSQL can be stopped under a running store; DuckDB is in-process.
  it.runIf(engine === "postgres")(
    "buffers writes while PostgreSQL is down and lands them on restart",
    async () => {
      const store = await fixture.open({ commitMs: 50 });
      store.append("thermo-1", 1000, ["temperature"], [20]);
      await store.flush();
      await fixture.cluster?.stop();
      for (let i = 1; i <= 100; i++) store.append("thermo-1", 1000 + i * 1000, ["temperature"], [20 + i]);
      await until(() => store.stats().unavailable, "a failed commit");
      expect(store.stats().lastError).toMatch(/commit failed/);
      expect(store.stats().bufferedBytes).toBeGreaterThan(0);
      await expect(
        store.query({ device: "thermo-1", from: 0, to: 200_000, points: 10 }),
      ).rejects.toMatchObject({
        code: "store_unavailable",
      });
      await fixture.cluster?.start();
      await store.flush();
      const samples = await store.readRaw("thermo-1", 0, 1000);
      expect(samples.map((s) => s.values[0])).toEqual(Array.from({ length: 101 }, (_, i) => 20 + i));
      expect(store.stats()).toMatchObject({ unavailable: false, samplesDropped: 0, bufferedBytes: 0 });
    },
  );

  // Only the embedded engine has a data dir to lock; PostgreSQL is shared on purpose.
  it.runIf(engine === "duckdb")("refuses a second opener, in this process and in another", async () => {
    await fixture.open();
    await expect(fixture.open()).rejects.toMatchObject({ code: "store_locked" });
    const other = spawnSync(process.execPath, [...CHILD, engine, fixture.target, "open"], {
      encoding: "utf8",
    });
    const reply = JSON.parse(other.stdout.trim().split("\n").at(-1) as string);
    expect(reply.code).toBe("store_locked");
    expect(reply.message).toContain(`in use by process ${process.pid}`);
  });

  // Only the embedded engine has a data dir that can be foreign or corrupt.
  it.runIf(engine === "duckdb")(
    "refuses a directory that is not ours, and a corrupt database, overwriting nothing",
    async () => {
      const { mkdirSync } = await import("node:fs");
      mkdirSync(fixture.target, { recursive: true });
      writeFileSync(join(fixture.target, "notes.txt"), "mine");
      await expect(fixture.open()).rejects.toMatchObject({
        code: "store_invalid",
        message: expect.stringContaining("not a fleet history store"),
      });
      expect(readFileSync(join(fixture.target, "notes.txt"), "utf8")).toBe("mine");
      writeFileSync(
        join(fixture.target, MARKER_FILE),
        JSON.stringify({ format: "fleet-history", version: 2 }),
      );
      writeFileSync(join(fixture.target, DUCKDB_FILE), "garbage, not a database");
      await expect(fixture.open()).rejects.toMatchObject({
        code: "store_invalid",
        message: expect.stringContaining("not a valid DuckDB"),
      });
      expect(readFileSync(join(fixture.target, DUCKDB_FILE), "utf8")).toBe("garbage, not a database");
    },
  );

  // Only the embedded engine has versioned data dirs (a marker file); PostgreSQL has no version 1.
  it.runIf(engine === "duckdb")(
    "refuses a version 1 store (values as DOUBLE) with a message saying so, converting nothing",
    async () => {
      const { mkdirSync } = await import("node:fs");
      mkdirSync(fixture.target, { recursive: true });
      writeFileSync(
        join(fixture.target, MARKER_FILE),
        JSON.stringify({ format: "fleet-history", version: 1 }),
      );
      writeFileSync(join(fixture.target, DUCKDB_FILE), "a version 1 database");
      await expect(fixture.open()).rejects.toMatchObject({
        code: "store_invalid",
        message: expect.stringMatching(/holds a version 1 .* does not convert it: move the dir away/),
      });
      expect(readFileSync(join(fixture.target, DUCKDB_FILE), "utf8")).toBe("a version 1 database");
    },
  );
});
