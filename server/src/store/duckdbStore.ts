/**
 * The embedded engine (the default): DuckDB in `<dataDir>/history.duckdb`, run in a worker
 * thread (duckdbWorker.ts). DuckDB was chosen by measurement (docs/STORAGE.md): it installs from
 * npm with its binary inside, appends ~1-2 M rows/s and compresses the fleet's values to a few
 * bytes each. Its WAL is synced at every commit, so `kill -9` loses at most the commit window.
 */
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { claimDataDir } from "./dataDir";
import type { Side, WorkerReply, WorkerRequest } from "./duckdbWorker";
import { type HistoryStore, HistoryStoreError, STORE_DEFAULTS, type StoreOptions } from "./historyStore";
import {
  type Cell,
  type Rows,
  type SqlEngine,
  type SqlTransaction,
  schemaStatements,
  type TierBytes,
} from "./sqlEngine";
import { TieredStore } from "./tieredStore";

/** Options of the embedded store: where its files live, plus the common ones. */
export interface DuckDbStoreOptions extends StoreOptions {
  dataDir: string;
}

/** The database file inside the data dir. */
export const DUCKDB_FILE = "history.duckdb";

type Request = WorkerRequest extends infer R ? (R extends { id: number } ? Omit<R, "id"> : never) : never;

function startWorker(file: string, walBytes: number): Worker {
  const entry = fileURLToPath(new URL("./duckdbWorker", import.meta.url));
  const isTs = import.meta.url.endsWith(".ts");
  const target = pathToFileURL(`${entry}.${isTs ? "ts" : "js"}`).href;
  // Under Vitest or `node --import tsx` the worker needs tsx to load a .ts entry.
  const tsxDir = isTs ? dirname(createRequire(import.meta.url).resolve("tsx/package.json")) : undefined;
  const tsx = tsxDir ? pathToFileURL(join(tsxDir, "dist/esm/api/index.mjs")).href : undefined;
  const code = tsx
    ? `import(${JSON.stringify(tsx)}).then((m) => m.register()).then(() => import(${JSON.stringify(target)}))`
    : `import(${JSON.stringify(target)})`;
  return new Worker(code, { eval: true, workerData: { file, walBytes } });
}

/** A SqlEngine whose statements run in the DuckDB worker. */
class DuckDbEngine implements SqlEngine {
  readonly name = "duckdb" as const;
  readonly compacts = true;
  readonly measuresAfterReclaim = false;
  readonly lockShare = "";
  readonly lockUpdate = "";
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  private failure: Error | undefined;
  readonly read = { run: (sql: string, params: readonly string[] = []) => this.run("read", sql, params) };

  /**
   * Maintenance's transactions (compaction, the byte cap) on their own connection, so they run
   * beside commits instead of holding the write lane: commits only append and mark dirty
   * ranges, which conflicts with none of their deletes and rewrites.
   */
  readonly beside: SqlEngine;

  constructor(private readonly worker: Worker) {
    this.beside = {
      ...this.fields(),
      read: this.read,
      transaction: (body) => this.transactionOn("maint", body),
      bytes: (tiers) => this.bytes(tiers),
      reclaim: () => this.reclaimOn("maint"),
      close: () => this.close(),
    };
    worker.on("message", (reply: WorkerReply) => {
      const waiter = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if (reply.error !== undefined) waiter?.reject(new Error(reply.error));
      else waiter?.resolve(reply.result);
    });
    const fail = (error: Error) => {
      this.failure = error;
      for (const waiter of this.pending.values()) waiter.reject(error);
      this.pending.clear();
    };
    worker.on("error", fail);
    worker.on("exit", (code) => fail(new Error(`DuckDB worker exited (code ${code})`)));
  }

  call(request: Request, transfer: ArrayBuffer[] = []): Promise<unknown> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...request, id }, transfer);
    });
  }

  private fields() {
    return {
      name: this.name,
      compacts: this.compacts,
      lockShare: this.lockShare,
      measuresAfterReclaim: this.measuresAfterReclaim,
      lockUpdate: this.lockUpdate,
    };
  }

  async appendRows(table: string, rows: readonly (readonly Cell[])[]): Promise<void> {
    await this.call({ op: "append", table, rows: rows as Cell[][] });
  }

  /** Raw rows to the worker, their buffers transferred (sqlEngine.ts: `insertRaw` may take them). */
  async insertRawAlone(
    series: Int32Array<ArrayBuffer>,
    t: Float64Array<ArrayBuffer>,
    v: Float64Array<ArrayBuffer>,
  ): Promise<void> {
    await this.call({ op: "insertRaw", series, t, v }, [series.buffer, t.buffer, v.buffer]);
  }

  async runAlone(statements: readonly string[]): Promise<void> {
    await this.call({ op: "alone", statements: [...statements] });
  }

  run(side: Side, sql: string, params: readonly string[]): Promise<Rows> {
    return this.call({ op: "run", side, sql, params: [...params] }) as Promise<Rows>;
  }

  transaction<T>(body: (tx: SqlTransaction) => Promise<T>): Promise<T> {
    return this.transactionOn("write", body);
  }

  private async transactionOn<T>(side: Side, body: (tx: SqlTransaction) => Promise<T>): Promise<T> {
    const tx: SqlTransaction = {
      run: (sql, params = []) => this.run(side, sql, params),
      // The worker appends on the write connection: inside a write-side transaction, it joins it.
      insertRaw: (series, t, v) => this.insertRawAlone(series, t, v),
    };
    await tx.run("BEGIN TRANSACTION");
    try {
      const result = await body(tx);
      await tx.run("COMMIT");
      return result;
    } catch (error) {
      await tx.run("ROLLBACK").catch(() => {});
      throw error;
    }
  }

  bytes(tiers = false): Promise<TierBytes> {
    return this.call({ op: "bytes", tiers }) as Promise<TierBytes>;
  }

  reclaim(): Promise<void> {
    return this.reclaimOn("write");
  }

  private async reclaimOn(side: Side): Promise<void> {
    await this.run(side, "CHECKPOINT", []);
  }

  async close(): Promise<void> {
    await this.call({ op: "close" }).catch(() => {});
    await this.worker.terminate();
  }
}

/** Waits for the worker's open reply: "ready", or DuckDB's error. */
function opened(worker: Worker): Promise<void> {
  return new Promise((resolve, reject) => {
    worker.once("message", (reply: WorkerReply) =>
      reply.error === undefined ? resolve() : reject(new Error(reply.error)),
    );
    worker.once("error", reject);
  });
}

/**
 * Opens (creating if absent) the embedded store in `options.dataDir`. Rejects with
 * `store_locked` when another process has it open, `store_invalid` when the dir is not ours or
 * the database is corrupt; nothing is overwritten in either case.
 */
export async function openDuckDbStore(options: DuckDbStoreOptions): Promise<HistoryStore> {
  const claim = claimDataDir(options.dataDir);
  const file = join(claim.dir, DUCKDB_FILE);
  // A WAL is checkpointed into the file well before it could push the store past its cap.
  const maxBytes = options.maxBytes ?? STORE_DEFAULTS.maxBytes;
  const worker = startWorker(file, Math.max(256 * 1024, Math.min(16 * 1024 ** 2, Math.floor(maxBytes / 10))));
  try {
    await opened(worker);
  } catch (error) {
    await worker.terminate();
    claim.release();
    const message = (error as Error).message;
    if (/lock/i.test(message))
      throw new HistoryStoreError(
        "store_locked",
        `data dir ${claim.dir} is in use by ${claim.holder ? `process ${claim.holder}` : "another process"}; stop that server or choose another data dir (${message})`,
      );
    throw new HistoryStoreError("store_invalid", `cannot open ${file}: ${message}`);
  }
  const engine = new DuckDbEngine(worker);
  claim.lock();
  const close = engine.close.bind(engine);
  engine.close = async () => {
    await close();
    claim.release();
  };
  try {
    await engine.run("write", "CREATE SEQUENCE IF NOT EXISTS history_series_id", []);
    const types = {
      text: "VARCHAR",
      double: "DOUBLE",
      scaled: "BIGINT",
      serialId: "INTEGER PRIMARY KEY DEFAULT nextval('history_series_id')",
    };
    for (const statement of schemaStatements(types)) await engine.run("write", statement, []);
  } catch (error) {
    await engine.close();
    throw new HistoryStoreError("store_invalid", `cannot use ${file}: ${(error as Error).message}`);
  }
  return new TieredStore(engine, options);
}
