/**
 * Vitest side of the store fixtures: the engines every store test runs against, each opened on a
 * fresh target per test (a temp data dir for DuckDB; a new database in one throwaway cluster per
 * suite for PostgreSQL) and closed after it.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";
import { openDuckDbStore } from "../server/src/store/duckdbStore";
import type { HistoryStore, StoreOptions } from "../server/src/store/historyStore";
import { openPostgresStore } from "../server/src/store/postgresStore";
import { POSTGRES_BIN, POSTGRES_MISSING, TestPostgres } from "./postgres";

export type EngineName = "duckdb" | "postgres";

/**
 * Engines under test: both when PostgreSQL is installed or under CI (where a missing PostgreSQL
 * fails the suite); DuckDB only elsewhere, with the reason printed.
 */
export const ENGINES: EngineName[] = POSTGRES_BIN || process.env.CI ? ["duckdb", "postgres"] : ["duckdb"];
if (!ENGINES.includes("postgres"))
  console.warn(`store tests: PostgreSQL engine skipped (${POSTGRES_MISSING})`);

/** What a test gets: its engine's target for this test, and `open` that closes after the test. */
export interface EngineFixture {
  readonly name: EngineName;
  /** The data dir (DuckDB) or connection URL (PostgreSQL) of the current test. */
  readonly target: string;
  readonly cluster: TestPostgres | undefined;
  open(options?: StoreOptions): Promise<HistoryStore>;
}

/** Registers the hooks for `name` in the current describe and returns its fixture. */
export function useEngine(name: EngineName): EngineFixture {
  let cluster: TestPostgres | undefined;
  let target = "";
  let databases = 0;
  const stores: HistoryStore[] = [];
  beforeAll(async () => {
    if (name === "postgres") cluster = await TestPostgres.create();
  }, 60_000);
  afterAll(async () => {
    await cluster?.dispose();
  });
  beforeEach(async () => {
    if (name === "duckdb") {
      target = join(mkdtempSync(join(tmpdir(), "fleet-store-")), "data");
      return;
    }
    const database = `history_test_${++databases}`;
    const admin = new pg.Client({ connectionString: cluster?.url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${database}`);
    await admin.end();
    target = cluster?.url.replace(/\/postgres$/, `/${database}`) as string;
  });
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((store) => store.close().catch(() => {})));
    if (name === "duckdb") rmSync(join(target, ".."), { recursive: true, force: true });
  });
  return {
    name,
    get target() {
      return target;
    },
    get cluster() {
      return cluster;
    },
    async open(options = {}) {
      const store =
        name === "duckdb"
          ? await openDuckDbStore({ dataDir: target, ...options })
          : await openPostgresStore({ connectionString: target, ...options });
      stores.push(store);
      return store;
    },
  };
}
