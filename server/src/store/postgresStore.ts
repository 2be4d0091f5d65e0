/**
 * The shared engine: one PostgreSQL database for several servers (`--store postgres://...`).
 * Same tables and statements as the embedded engine; rows are bulk-inserted through `unnest`,
 * and the rollup watermark row is locked so rollups on one server never miss another's commit.
 */
import pg from "pg";
import { type HistoryStore, HistoryStoreError, type StoreOptions } from "./historyStore";
import {
  type Rows,
  type SqlEngine,
  type SqlTransaction,
  schemaStatements,
  TIER_TABLE,
  type TierBytes,
} from "./sqlEngine";
import { TieredStore } from "./tieredStore";

/** Options of the PostgreSQL store: a connection URL, plus the common ones. */
export interface PostgresStoreOptions extends StoreOptions {
  connectionString: string;
}

/** Heap tuple + line pointer + (series, t) index entry, per row: what a row costs when space is reused. */
const ROW_OVERHEAD = 28 + 48;
/** Rows whose average size stands for an event table's rows. */
const WIDTH_SAMPLE = 1000;
/** Any 64-bit key for pg_advisory_xact_lock while creating the schema. */
const SCHEMA_LOCK = 1_795_012;

const INT8 = 20;
const NUMERIC = 1700;
const types = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    if (oid === INT8 || oid === NUMERIC) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

class PostgresEngine implements SqlEngine {
  readonly name = "postgres";
  readonly compacts = false;
  readonly measuresAfterReclaim = true;
  readonly lockShare = "FOR SHARE";
  readonly lockUpdate = "FOR UPDATE";
  readonly read = { run: (sql: string, params: readonly string[] = []) => this.run(this.pool, sql, params) };

  constructor(private readonly pool: pg.Pool) {}

  async run(db: pg.Pool | pg.PoolClient, sql: string, params: readonly unknown[]): Promise<Rows> {
    const result = await db.query({ text: sql, values: [...params], rowMode: "array" });
    return result.rows as Rows;
  }

  async transaction<T>(body: (tx: SqlTransaction) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    // The server going away mid-transaction must surface as a failed query, not an uncaught error.
    const ignore = () => {};
    client.on("error", ignore);
    const tx: SqlTransaction = {
      run: (sql, params = []) => this.run(client, sql, params),
      // Several servers write the same samples: the first copy stays. Rows go in key order so
      // two servers inserting the same keys wait for each other instead of deadlocking.
      insertRaw: async (series, t, v) => {
        await this.run(
          client,
          "INSERT INTO history_raw SELECT * FROM unnest($1::integer[], $2::bigint[], $3::double precision[]) AS r (series, t, v) ORDER BY series, t ON CONFLICT (series, t) DO NOTHING",
          [Array.from(series), Array.from(t), Array.from(v)],
        );
      },
    };
    try {
      await client.query("BEGIN");
      const result = await body(tx);
      await client.query("COMMIT");
      client.off("error", ignore);
      client.release();
      return result;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => {});
      client.off("error", ignore);
      client.release(error as Error);
      throw error;
    }
  }

  /**
   * `total` is the tables' size on disk; `used` counts live rows at their measured width, since a
   * VACUUM makes deleted space reusable without shrinking the files.
   */
  async bytes(_tiers = false, others: readonly string[] = []): Promise<TierBytes> {
    const bytes = { raw: 0, "1m": 0, "1h": 0, total: 0, used: 0 };
    const tables: Array<[string, "raw" | "1m" | "1h" | undefined]> = [
      ...(["raw", "1m", "1h"] as const).map((tier) => [TIER_TABLE[tier], tier] as [string, typeof tier]),
      ...others.map((table) => [table, undefined] as [string, undefined]),
    ];
    for (const [table, tier] of tables) {
      // pg_stats' widths count a TOASTed value as its 18-byte pointer: the event tables' long
      // texts are measured from their first rows instead.
      const widthOf = tier
        ? `(SELECT coalesce(sum(s.avg_width), 0) FROM pg_stats s WHERE s.tablename = '${table}')`
        : `(SELECT coalesce(avg(pg_column_size(x.*)), 0) FROM (SELECT * FROM "${table}" LIMIT ${WIDTH_SAMPLE}) AS x)`;
      const [row] = await this.read.run(
        `SELECT pg_total_relation_size('${table}'), greatest(c.reltuples, 0), ${widthOf} FROM pg_class c WHERE c.relname = '${table}'`,
      );
      const [size, rows, width] = (row ?? [0, 0, 0]).map(Number) as [number, number, number];
      if (tier) bytes[tier] = size;
      bytes.total += size;
      bytes.used += Math.min(size, rows * (width + ROW_OVERHEAD));
    }
    return bytes;
  }

  async reclaim(others: readonly string[] = []): Promise<void> {
    await this.pool.query(
      `VACUUM ANALYZE ${["history_raw", "history_minute", "history_hour", ...others].join(", ")}`,
    );
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

/**
 * Connects to `options.connectionString` and creates the history tables if absent (under an
 * advisory lock, so servers starting together do not race). Rejects with `store_unavailable`
 * when the database cannot be reached.
 */
export async function openPostgresStore(options: PostgresStoreOptions): Promise<HistoryStore> {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: 4,
    connectionTimeoutMillis: 3_000,
    types,
  });
  // An idle client losing its server (PostgreSQL restarted) must not crash the process.
  pool.on("error", () => {});
  const engine = new PostgresEngine(pool);
  try {
    await engine.transaction(async (tx) => {
      await tx.run(`SELECT pg_advisory_xact_lock(${SCHEMA_LOCK})`);
      const double = "DOUBLE PRECISION";
      const ddl = { text: "TEXT", double, scaled: double, serialId: "SERIAL PRIMARY KEY" };
      for (const statement of schemaStatements(ddl)) await tx.run(statement);
      // Series made before values were scaled keep decimals NULL: their rows are read as stored.
      await tx.run("ALTER TABLE history_series ADD COLUMN IF NOT EXISTS decimals INTEGER");
      // One row per sample however many servers write it; a store made before this keeps its
      // rows and gets the unique index only if they hold no repeats (else opening says why).
      await tx.run("DROP INDEX IF EXISTS history_raw_series_t");
      await tx.run("CREATE UNIQUE INDEX IF NOT EXISTS history_raw_unique ON history_raw (series, t)");
      for (const table of Object.values(TIER_TABLE)) {
        if (table !== TIER_TABLE.raw)
          await tx.run(`CREATE INDEX IF NOT EXISTS ${table}_series_t ON ${table} (series, t)`);
        await tx.run(`CREATE INDEX IF NOT EXISTS ${table}_t ON ${table} USING brin (t)`);
      }
    });
  } catch (error) {
    await pool.end().catch(() => {});
    throw new HistoryStoreError(
      "store_unavailable",
      `cannot open the PostgreSQL store: ${(error as Error).message}`,
    );
  }
  return new TieredStore(engine, options);
}
