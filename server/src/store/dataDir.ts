/**
 * The embedded store's data directory: created when absent, recognised by its marker file,
 * refused when it holds anything else, and locked against a second server (a lock file naming the
 * pid, an in-process registry, and DuckDB's own file lock across processes).
 */
import {
  closeSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { HistoryStoreError } from "./historyStore";

/** Marker that says a directory is ours: its format name and version. */
export const MARKER_FILE = "fleet-history.json";
export const LOCK_FILE = "store.lock";
/**
 * Version 2 stores values as integers scaled by their series' decimals; version 1 stored DOUBLEs.
 * A version 1 dir is refused with a message saying so, not converted (STORAGE.md, Layout).
 */
const MARKER = { format: "fleet-history", version: 2, engine: "duckdb" };

const openInThisProcess = new Set<string>();

/** Whether process `pid` still runs (EPERM: it does, as another user). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function checkMarker(dir: string): void {
  const entries = readdirSync(dir);
  if (!entries.includes(MARKER_FILE)) {
    if (entries.length > 0)
      throw new HistoryStoreError(
        "store_invalid",
        `data dir ${dir} is not a fleet history store (no ${MARKER_FILE}) and is not empty; refusing to write into it`,
      );
    writeFileSync(join(dir, MARKER_FILE), `${JSON.stringify(MARKER)}\n`, { flag: "wx" });
    return;
  }
  let marker: unknown;
  try {
    marker = JSON.parse(readFileSync(join(dir, MARKER_FILE), "utf8"));
  } catch {
    marker = undefined;
  }
  const { format, version } = (marker ?? {}) as { format?: unknown; version?: unknown };
  if (format === MARKER.format && version === 1)
    throw new HistoryStoreError(
      "store_invalid",
      `data dir ${dir} holds a version 1 fleet history store (values as DOUBLE); this server writes version ${MARKER.version} (values as scaled integers) and does not convert it: move the dir away to start a new store, or keep serving it with the previous release`,
    );
  if (format !== MARKER.format || version !== MARKER.version)
    throw new HistoryStoreError(
      "store_invalid",
      `data dir ${dir}: ${MARKER_FILE} does not describe a version ${MARKER.version} fleet history store`,
    );
}

/** Who holds the lock file, if anyone alive. */
export function lockHolder(dir: string): number | undefined {
  try {
    const pid = Number(readFileSync(join(dir, LOCK_FILE), "utf8").trim());
    return Number.isInteger(pid) && pid > 0 && alive(pid) ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** A checked data dir; `lock` writes the pid once the engine has opened, `release` undoes both. */
export interface DataDirClaim {
  dir: string;
  /** A live process named in the lock file before we opened (may be a recycled pid). */
  holder: number | undefined;
  lock(): void;
  release(): void;
}

/**
 * Creates `dir` if absent, checks it is ours, and reserves it in this process. Throws
 * `store_invalid` for a foreign or unreadable dir and `store_locked` when this process has it
 * open already. Across processes DuckDB's own file lock decides (a lock file left by `kill -9`,
 * or naming a recycled pid, must not keep the store shut); the lock file names the holder.
 */
export function claimDataDir(path: string): DataDirClaim {
  mkdirSync(path, { recursive: true });
  const dir = realpathSync(path);
  checkMarker(dir);
  if (openInThisProcess.has(dir))
    throw new HistoryStoreError("store_locked", `data dir ${dir} is already open in this process`);
  openInThisProcess.add(dir);
  return {
    dir,
    holder: lockHolder(dir),
    lock() {
      const fd = openSync(join(dir, LOCK_FILE), "w");
      writeFileSync(fd, `${process.pid}\n`);
      closeSync(fd);
    },
    release() {
      openInThisProcess.delete(dir);
      if (lockHolder(dir) === process.pid) rmSync(join(dir, LOCK_FILE), { force: true });
    },
  };
}
