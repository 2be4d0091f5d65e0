/**
 * The byte cap (`maxBytes`, `--store-max-bytes`): above `CAP_TRIGGER` of it the maintenance job
 * deletes the oldest data until the store is back at `CAP_TARGET`, in this order, one kind per
 * round, re-measuring after each:
 * 1. raw samples already rolled up (their minutes and hours stay, so history stays visible);
 * 2. the oldest lines of every registered event table (the logbook `fleet_log`, the alert log
 *    `alert_events`, and whatever else registers: `CappedTable`), each by the same share of its
 *    own time span. They go before any rollup so that a flood of log lines cannot erase the
 *    fleet's history at minute resolution, and after raw because raw is still summarised;
 * 3. minutes, then 4. hours.
 * Other tables in the store's database (series, watermarks, alert rules and state) are small and
 * never trimmed.
 */
import { HOUR_MS } from "./historyStore";
import { deleteBelow, floorTo, MINUTE } from "./rollupJob";
import { type SqlEngine, type SqlRunner, TIER_TABLE, type TierBytes } from "./sqlEngine";

/** A table the cap may trim, oldest rows first by `time` (a BIGINT of ms since the epoch). */
export interface CappedTable {
  table: string;
  time: string;
}

/** The event tables the store trims by default (their modules create them when they start). */
export const EVENT_TABLES: readonly CappedTable[] = [
  { table: "fleet_log", time: "t" },
  { table: "alert_events", time: "t" },
];

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * `entry` checked: both names plain lower-case SQL identifiers. They are inlined in statements,
 * double-quoted, so a keyword works as a name (DuckDB reserves `at`).
 */
export function checkCappedTable(entry: CappedTable): CappedTable {
  for (const [field, name] of Object.entries(entry))
    if (typeof name !== "string" || !IDENTIFIER.test(name))
      throw new TypeError(
        `capped table: ${field} must be a lower-case SQL identifier, got ${JSON.stringify(name)}`,
      );
  return { table: entry.table, time: entry.time };
}

/**
 * Start deleting above this share of the cap, and delete down to `CAP_TARGET` of it: the headroom
 * absorbs what is written between two runs and the blocks a checkpoint rewrites.
 */
export const CAP_TRIGGER = 0.7;
export const CAP_TARGET = 0.5;

const ROLLED_1M = "(SELECT rolled_to FROM history_rollup WHERE tier = '1m')";
const ROLLED_1H = "(SELECT rolled_to FROM history_rollup WHERE tier = '1h')";

async function scalars(db: SqlRunner, sql: string): Promise<Array<number | null>> {
  const [row] = await db.run(sql);
  return (row ?? []).map((value) => (value === null || value === undefined ? null : Number(value)));
}

/** The registered tables that exist in the database now (each module creates its own). */
async function presentTables(db: SqlRunner, tables: readonly CappedTable[]): Promise<CappedTable[]> {
  if (tables.length === 0) return [];
  const names = tables.map((entry) => `'${entry.table}'`).join(", ");
  const rows = await db.run(
    `SELECT table_name FROM information_schema.tables WHERE table_name IN (${names})`,
  );
  const present = new Set(rows.map(([name]) => String(name)));
  return tables.filter((entry) => present.has(entry.table));
}

/**
 * Deletes the oldest `share` of `tier`'s time span, in whole periods, never above its rollup
 * watermark nor late samples the next rollup has still to count. False when nothing could go.
 */
async function trimTier(engine: SqlEngine, tier: "raw" | "1m" | "1h", share: number): Promise<boolean> {
  const table = TIER_TABLE[tier];
  const watermark = tier === "raw" ? ROLLED_1M : tier === "1m" ? ROLLED_1H : "NULL";
  const [oldest, newest, limit] = await scalars(
    engine.read,
    `SELECT min(t), max(t), ${watermark} FROM ${table}`,
  );
  if (oldest === null || oldest === undefined || newest === null || newest === undefined) return false;
  const [late] = await scalars(engine.read, "SELECT min(t_from) FROM history_dirty");
  const span = Math.max(1, newest - oldest);
  const wanted = Math.min(limit ?? Infinity, oldest + Math.max(1, Math.ceil(span * share)));
  const cutoff =
    tier === "1h" ? wanted : floorTo(Math.min(wanted, late ?? Infinity), tier === "raw" ? MINUTE : HOUR_MS);
  if (cutoff <= oldest) return false;
  await engine.transaction(async (tx) => {
    if (tier === "1h") await tx.run(`DELETE FROM ${table} WHERE t < ${cutoff}`);
    else await deleteBelow(tx, tier, cutoff);
  });
  return true;
}

/**
 * DuckDB keeps the space of deleted rows in a table with a key or index (the event tables have
 * both) until the table is rewritten: measured, 200,000 logbook lines trimmed to 8 still held
 * 18 MB. So the rows from `cutoff` on are copied into the table made anew from its own DDL
 * (`duckdb_tables()`, `duckdb_indexes()`), in one transaction; a writer meanwhile fails its
 * statement and retries (the logbook and alert log keep a failed batch for their next turn).
 */
async function rewriteFrom(engine: SqlEngine, entry: CappedTable, cutoff: number): Promise<void> {
  const statements = await rewriteStatements(engine, entry, cutoff);
  if (!statements) return;
  await engine.transaction(async (tx) => {
    for (const statement of statements) await tx.run(statement);
  });
}

/** The statements of that rewrite (one transaction), or undefined when the table is absent. */
export async function rewriteStatements(
  engine: SqlEngine,
  { table, time }: CappedTable,
  cutoff: number,
): Promise<string[] | undefined> {
  const [ddl] = await engine.read.run(`SELECT sql FROM duckdb_tables() WHERE table_name = '${table}'`);
  const indexes = await engine.read.run(
    `SELECT sql FROM duckdb_indexes() WHERE table_name = '${table}' AND sql IS NOT NULL`,
  );
  if (typeof ddl?.[0] !== "string") return undefined;
  return [
    `CREATE OR REPLACE TEMP TABLE history_cap_keep AS SELECT * FROM "${table}" WHERE "${time}" >= ${cutoff}`,
    `DROP TABLE "${table}"`,
    ddl[0],
    ...indexes.map(([index]) => String(index)),
    `INSERT INTO "${table}" SELECT * FROM history_cap_keep`,
    "DROP TABLE history_cap_keep",
  ];
}

/** Deletes the oldest `share` of each event table's time span; false when all were empty. */
async function trimEvents(
  engine: SqlEngine,
  tables: readonly CappedTable[],
  share: number,
): Promise<boolean> {
  let deleted = false;
  for (const { table, time } of tables) {
    const [oldest, newest] = await scalars(
      engine.read,
      `SELECT min("${time}"), max("${time}") FROM "${table}"`,
    );
    if (oldest === null || oldest === undefined || newest === null || newest === undefined) continue;
    const cutoff = oldest + Math.max(1, Math.ceil(Math.max(1, newest - oldest) * share));
    if (engine.name === "duckdb") await rewriteFrom(engine, { table, time }, cutoff);
    else await engine.transaction((tx) => tx.run(`DELETE FROM "${table}" WHERE "${time}" < ${cutoff}`));
    deleted = true;
  }
  return deleted;
}

/**
 * Keeps the store under `maxBytes`, deleting in the order above; `rewritten` says compaction
 * rewrote blocks since the last run (DuckDB then checkpoints to free them). Returns the bytes
 * measured last.
 */
export async function enforceByteCap(
  engine: SqlEngine,
  maxBytes: number,
  rewritten = false,
  events: readonly CappedTable[] = EVENT_TABLES,
): Promise<TierBytes> {
  const present = await presentTables(engine.read, events);
  const others = present.map((entry) => entry.table);
  if (engine.measuresAfterReclaim) await engine.reclaim(others);
  let bytes = await engine.bytes(false, others);
  // DuckDB: space deleted or rewritten counts as used, and the file grows, until a checkpoint
  // frees it; checkpoint only after compaction rewrote something, or once the file (blocks and
  // WAL, a cheap measure) passes CAP_TARGET, not every run (it was a full CHECKPOINT every 10 s).
  if (!engine.measuresAfterReclaim && (rewritten || bytes.total > maxBytes * CAP_TARGET)) {
    await engine.reclaim(others);
    bytes = await engine.bytes(false, others);
  }
  for (let round = 0; round < 12 && bytes.used > maxBytes * CAP_TRIGGER; round++) {
    const share = Math.min(1, (1.5 * (bytes.used - maxBytes * CAP_TARGET)) / bytes.used);
    const deleted =
      (await trimTier(engine, "raw", share)) ||
      (await trimEvents(engine, present, share)) ||
      (await trimTier(engine, "1m", share)) ||
      (await trimTier(engine, "1h", share));
    if (!deleted) break;
    await engine.reclaim(others);
    bytes = await engine.bytes(false, others);
  }
  return bytes;
}
