/**
 * Users in `DIR/users.json` beside the embedded store (like Home Assistant's .storage/auth): the
 * DuckDB file is held by the one server that runs on DIR, so the users command line writes this
 * file instead. Writes take an O_EXCL lock file (`users.lock`, naming the pid) against a second
 * writer and replace the file atomically (temp file + rename), mode 0600. The server re-reads the
 * file when its mtime or size changes, looking at most once a second.
 */
import {
  closeSync,
  existsSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { alive } from "../store/dataDir";
import type { Role } from "./actor";
import {
  edits,
  emptyDocument,
  readDocument,
  type UserDirectory,
  UserError,
  type UsersDocument,
} from "./userDirectory";

export const USERS_FILE = "users.json";
export const USERS_LOCK = "users.lock";
/** The server looks at the file's mtime at most this often, ms. */
export const RELOAD_CHECK_MS = 1000;
/** How long a writer waits for another to release the lock, ms. */
const LOCK_WAIT_MS = 3000;

function parse(path: string, text: string): UsersDocument {
  let doc: Partial<UsersDocument>;
  try {
    doc = JSON.parse(text) as Partial<UsersDocument>;
  } catch {
    throw new UserError("unavailable", `${path}: not valid JSON`);
  }
  if (doc?.format !== "fleet-users" || doc.version !== 1 || !Array.isArray(doc.users))
    throw new UserError("unavailable", `${path}: not a version 1 fleet users file`);
  return { ...emptyDocument(), ...doc } as UsersDocument;
}

/** Opens the users file of data dir `dir` (absent: no users yet). */
export function openFileDirectory(dir: string, now: () => number = Date.now): UserDirectory {
  const path = join(dir, USERS_FILE);
  const lockPath = join(dir, USERS_LOCK);
  let doc = emptyDocument();
  let seen = "";
  let checkedAt = Number.NEGATIVE_INFINITY;

  /** Re-reads the file when it changed; `force` skips the once-a-second throttle (writers). */
  const load = (force: boolean): UsersDocument => {
    const at = now();
    if (!force && at - checkedAt < RELOAD_CHECK_MS) return doc;
    checkedAt = at;
    if (!existsSync(path)) {
      [doc, seen] = [emptyDocument(), ""];
      return doc;
    }
    const stat = statSync(path);
    const version = `${stat.ino}:${stat.mtimeMs}:${stat.size}`;
    if (version !== seen || force) {
      doc = parse(path, readFileSync(path, "utf8"));
      seen = version;
    }
    return doc;
  };

  const tryLock = (): boolean => {
    try {
      const fd = openSync(lockPath, "wx", 0o600);
      writeFileSync(fd, `${process.pid}\n`);
      closeSync(fd);
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const pid = Number(readFileSync(lockPath, "utf8").trim());
      // A lock left by a writer that died (kill -9) must not lock users out for good.
      if (!(Number.isInteger(pid) && pid > 0 && alive(pid))) rmSync(lockPath, { force: true });
      return false;
    }
  };

  /** Runs `edit` on a fresh copy under the lock and writes the result atomically. */
  const write = async <T>(edit: (fresh: UsersDocument) => T, wait = true): Promise<T | undefined> => {
    const giveUpAt = Date.now() + (wait ? LOCK_WAIT_MS : 0);
    while (!tryLock()) {
      if (Date.now() >= giveUpAt) {
        if (!wait) return undefined;
        throw new UserError("unavailable", `${lockPath} is held by another users command; try again`);
      }
      await new Promise((done) => setTimeout(done, 50));
    }
    try {
      const fresh = structuredClone(load(true));
      const result = edit(fresh);
      const temp = `${path}.${process.pid}.tmp`;
      writeFileSync(temp, `${JSON.stringify(fresh, null, 2)}\n`, { mode: 0o600 });
      renameSync(temp, path);
      doc = fresh;
      seen = "";
      return result;
    } finally {
      rmSync(lockPath, { force: true });
    }
  };

  const read = () => readDocument(load(false));
  return {
    where: `${USERS_FILE} in ${dir}`,
    users: async () => read().users(),
    user: async (name) => read().user(name),
    userByToken: async (digest) => read().userByToken(digest),
    hasTokens: async () => read().hasTokens(),
    add: async (name: string, role: Role, password: string) => {
      await write((fresh) => edits.add(fresh, name, role, password, now()));
    },
    remove: async (name) => {
      await write((fresh) => edits.remove(fresh, name, now()));
    },
    setRole: async (name, role) => {
      await write((fresh) => edits.setRole(fresh, name, role, now()));
    },
    setPassword: async (name, password) => {
      await write((fresh) => edits.setPassword(fresh, name, password, now()));
    },
    addToken: async (name, digest) => {
      await write((fresh) => edits.addToken(fresh, name, digest, now()));
    },
    takeChanges: async () => {
      if (load(false).changes.length === 0) return [];
      // Busy lock: a command line is writing; the changes are taken on a later call.
      return (await write((fresh) => fresh.changes.splice(0), false)) ?? [];
    },
    close: async () => {},
  };
}
