import { describe, expect, it } from "vitest";
import { ENGINES, useEngine } from "../../../testing/storeEngines";
import { openSqlLogbook } from "../logbook/sqlLogbook";
import { CAP_TRIGGER, checkCappedTable } from "./byteCap";
import { TieredStore } from "./tieredStore";

const MAX_BYTES = 24 * 1024 * 1024;
/** Lines per chunk: DuckDB frees a table's space by whole row groups (122,880 rows). */
const LINES_PER_CHUNK = 5_000;
const CHUNKS = 72;
const T0 = 1_000_000;
/**
 * DuckDB frees a keyed table's deleted rows only by rewriting it, and the kept copy is written
 * before the old blocks are freed: with nothing but log lines in the store the file peaked at
 * 1.09 x the cap (26.2 MB of 24 MB; docs/STORAGE.md, "not done yet"). PostgreSQL stays under it.
 */
const DUCKDB_PEAK = 1.15;

/** SQL inserting logbook lines `from..to - 1` shaped like the logbook's (JSON bodies). */
function logLines(from: number, to: number): string {
  const id = "'line-' || lpad(CAST(g AS VARCHAR), 9, '0')";
  const device = "'dev-' || CAST(g % 200 AS VARCHAR)";
  const body = `'{"id":"' || ${id} || '","at":' || CAST(${T0} + g * 1000 AS VARCHAR) || ',"type":"state","device":"' || ${device} || '","kind":"thermostat","text":"mode: ' || substr(md5(CAST(g AS VARCHAR)), 1, 8) || ' -> eco"}'`;
  return `INSERT INTO fleet_log (id, t, type, device, kind, body) SELECT ${id}, ${T0} + g * 1000, 'state', ${device}, 'thermostat', ${body} FROM generate_series(${from}, ${to - 1}) AS s(g)`;
}

describe.each(ENGINES)("byte cap over the event tables on %s", (engine) => {
  const fixture = useEngine(engine);

  it("deletes the oldest logbook and registered lines once past the cap, keeping it", async () => {
    const store = await fixture.open({ maxBytes: MAX_BYTES, now: () => T0 });
    expect(store).toBeInstanceOf(TieredStore);
    const tiered = store as TieredStore;
    const db = tiered.engine.read;
    const logbook = await openSqlLogbook(tiered.engine);
    // The audit log's shape (issue 14); DuckDB reserves `at`, so it is quoted.
    await db.run('CREATE TABLE audit_log ("at" BIGINT NOT NULL, line VARCHAR NOT NULL)');
    tiered.capTable({ table: "audit_log", time: "at" });
    const count = async (sql: string) => Number((await db.run(sql))[0]?.[0]);
    // 360,000 lines (three of DuckDB's row groups): past the cap in either engine.
    for (let chunk = 0, n = 0; chunk < CHUNKS; chunk++, n += LINES_PER_CHUNK) {
      await db.run(logLines(n, n + LINES_PER_CHUNK));
      await db.run(
        `INSERT INTO audit_log SELECT ${T0} + g * 1000, md5(CAST(g AS VARCHAR)) FROM generate_series(${n}, ${n + LINES_PER_CHUNK / 10 - 1}) AS s(g)`,
      );
      await store.maintain();
      expect(store.stats().bytes.used).toBeLessThanOrEqual(MAX_BYTES * CAP_TRIGGER);
      expect(store.stats().bytes.total).toBeLessThanOrEqual(
        MAX_BYTES * (engine === "duckdb" ? DUCKDB_PEAK : 1),
      );
    }
    const newest = T0 + (CHUNKS * LINES_PER_CHUNK - 1) * 1000;
    // Oldest first: what is left is one unbroken run up to the newest line.
    const kept = await count("SELECT count(*) FROM fleet_log");
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThan(CHUNKS * LINES_PER_CHUNK);
    expect(await count("SELECT max(t) FROM fleet_log")).toBe(newest);
    expect(await count("SELECT (max(t) - min(t)) / 1000 + 1 FROM fleet_log")).toBe(kept);
    expect(await count('SELECT min("at") FROM audit_log')).toBeGreaterThan(T0);
    await logbook.close();
  }, 180_000);

  it("refuses a table or time column that is not a plain identifier", () => {
    expect(() => checkCappedTable({ table: "audit_log; DROP TABLE x", time: "at" })).toThrow(
      'capped table: table must be a lower-case SQL identifier, got "audit_log; DROP TABLE x"',
    );
    expect(() => checkCappedTable({ table: "audit_log", time: "" })).toThrow(/time must be/);
  });
});
