/**
 * The DuckDB side of the embedded engine, in a worker thread: DuckDB's appender and commits are
 * synchronous native calls (an fsync per commit), so they must not run on the thread serving
 * live data. Answers `run`, `insertRaw`, `bytes` and `close` requests from duckdbStore.ts.
 */
import { statSync } from "node:fs";
import { parentPort, workerData } from "node:worker_threads";
import {
  DOUBLE,
  type DuckDBConnection,
  DuckDBDataChunk,
  DuckDBInstance,
  type DuckDBVector,
  INTEGER,
} from "@duckdb/node-api";

/** A request from the main thread; `id` pairs it with its reply. */
export type WorkerRequest =
  | { id: number; op: "run"; side: Side; sql: string; params: string[] }
  | { id: number; op: "insertRaw"; series: Int32Array; t: Float64Array; v: Float64Array }
  | { id: number; op: "append"; table: string; rows: (string | number | null)[][] }
  | { id: number; op: "alone"; statements: string[] }
  | { id: number; op: "bytes"; tiers: boolean }
  | { id: number; op: "close" };

/**
 * Connections: `write` for commits and rollups, `maint` for compaction and the byte cap (their
 * long transactions run beside commits, which only append), `read` for queries.
 */
export type Side = "write" | "maint" | "read";

/** A reply: rows or bytes, or the error's message. */
export type WorkerReply = { id: number; result?: unknown; error?: string };

const { file, walBytes } = workerData as { file: string; walBytes: number };
const port = parentPort as NonNullable<typeof parentPort>;

function plain(value: unknown): unknown {
  return typeof value === "bigint" ? Number(value) : value;
}

/**
 * Used and total bytes from DuckDB's block counts and the WAL's file size (cheap); the split per
 * tier scans every table's storage info, so only when asked for.
 */
async function bytes(read: DuckDBConnection, tiers: boolean) {
  const size = (await read.runAndReadAll("PRAGMA database_size")).getRowObjects()[0] ?? {};
  const blockSize = Number(size.block_size ?? 0);
  const tier = async (table: string) => {
    if (!tiers) return 0;
    const rows = await read.runAndReadAll(
      `SELECT count(DISTINCT block_id) FROM pragma_storage_info('${table}') WHERE block_id IS NOT NULL`,
    );
    return Number(rows.getRows()[0]?.[0] ?? 0) * blockSize;
  };
  let wal = 0;
  try {
    wal = statSync(`${file}.wal`).size;
  } catch {}
  return {
    raw: await tier("history_raw"),
    "1m": await tier("history_minute"),
    "1h": await tier("history_hour"),
    total: Number(size.total_blocks ?? 0) * blockSize + wal,
    used: Number(size.used_blocks ?? 0) * blockSize + wal,
  };
}

/** Appends `rows` to `table` in one autocommitted append; on any error none of them is kept. */
async function appendRows(connection: DuckDBConnection, table: string, rows: (string | number | null)[][]) {
  const appender = await connection.createAppender(table);
  try {
    for (const row of rows) {
      for (const cell of row) {
        if (cell === null) appender.appendNull();
        else if (typeof cell === "number") appender.appendDouble(cell);
        else appender.appendVarchar(cell);
      }
      appender.endRow();
    }
    appender.flushSync();
  } finally {
    try {
      appender.closeSync();
    } catch {}
  }
}

/** Rows of one data chunk: DuckDB's vector size. */
const CHUNK_ROWS = 2048;

/** Writes `values[from, from + rows)` into a chunk's column (set in JS, copied in one call). */
function fillColumn(vector: DuckDBVector, values: Int32Array | Float64Array, from: number, rows: number) {
  for (let i = 0; i < rows; i++) vector.setItem(i, values[from + i] as number);
  vector.flush();
}

/**
 * Appends raw rows a data chunk of 2,048 at a time. Appended row by row, each row was four calls
 * into the native addon (three values and `endRow`): ~240,000 a second for the 2,000 x 10 Hz
 * fleet, the largest part of the store's cost in this worker. Times and scaled values are
 * integers below 2^53, sent as DOUBLE columns: the appender casts them to the BIGINT columns
 * exactly, without a BigInt per row.
 */
async function insertRaw(connection: DuckDBConnection, series: Int32Array, t: Float64Array, v: Float64Array) {
  const appender = await connection.createAppender("history_raw");
  try {
    for (let from = 0; from < t.length; from += CHUNK_ROWS) {
      const rows = Math.min(CHUNK_ROWS, t.length - from);
      const chunk = DuckDBDataChunk.create([INTEGER, DOUBLE, DOUBLE], rows);
      fillColumn(chunk.getColumnVector(0), series, from, rows);
      fillColumn(chunk.getColumnVector(1), t, from, rows);
      fillColumn(chunk.getColumnVector(2), v, from, rows);
      appender.appendDataChunk(chunk);
    }
    appender.flushSync();
  } finally {
    try {
      appender.closeSync();
    } catch {}
  }
}

/** `statements` in one transaction; rolled back when one fails. */
async function runAlone(connection: DuckDBConnection, statements: string[]): Promise<void> {
  await connection.run("BEGIN TRANSACTION");
  try {
    for (const statement of statements) await connection.run(statement);
    await connection.run("COMMIT");
  } catch (error) {
    await connection.run("ROLLBACK").catch(() => {});
    throw error;
  }
}

async function main(): Promise<void> {
  let instance: DuckDBInstance;
  try {
    instance = await DuckDBInstance.create(file, {
      threads: "1",
      memory_limit: "1GB",
      checkpoint_threshold: `${walBytes}B`,
    });
  } catch (error) {
    port.postMessage({ id: 0, error: (error as Error).message });
    return;
  }
  const write = await instance.connect();
  const maint = await instance.connect();
  const read = await instance.connect();
  // Event tables' appends (the alert log, the logbook, the audit trail), one at a time.
  const events = await instance.connect();
  let appending: Promise<unknown> = Promise.resolve();
  const sides = { write, maint, read };
  port.postMessage({ id: 0, result: "ready" });
  port.on("message", async (request: WorkerRequest) => {
    try {
      let result: unknown;
      if (request.op === "run") {
        const connection = sides[request.side];
        const reader = await connection.runAndReadAll(request.sql, request.params);
        result = reader.getRows().map((row) => row.map(plain));
      } else if (request.op === "insertRaw") {
        await insertRaw(write, request.series, request.t, request.v);
      } else if (request.op === "append" || request.op === "alone") {
        const work =
          request.op === "append"
            ? () => appendRows(events, request.table, request.rows)
            : () => runAlone(events, request.statements);
        const run = appending.then(work);
        appending = run.catch(() => {});
        await run;
      } else if (request.op === "bytes") {
        result = await bytes(read, request.tiers);
      } else {
        write.closeSync();
        maint.closeSync();
        read.closeSync();
        events.closeSync();
        instance.closeSync();
      }
      port.postMessage({ id: request.id, result } satisfies WorkerReply);
    } catch (error) {
      port.postMessage({ id: request.id, error: (error as Error).message } satisfies WorkerReply);
    }
  });
}

void main();
