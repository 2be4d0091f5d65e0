/**
 * Sign-in sessions (docs/SECURITY.md). The cookie holds 32 random bytes; only their SHA-256 is
 * kept. With a store they live in its database (`access_sessions`, DuckDB or PostgreSQL), so a
 * restart signs no one out and servers sharing PostgreSQL accept each other's sessions; without
 * one, in memory. Writes are single autocommitted statements on the engine's read side, like the
 * alert log's, so they never interleave with the history commits.
 */
import type { SqlEngine } from "../store/sqlEngine";

/** One session: `id` is the digest of the cookie's secret. */
export interface SignIn {
  id: string;
  user: string;
  /** The user's `stamp` at sign-in; a different one now means the password or role changed. */
  stamp: number;
  createdAt: number;
  lastSeen: number;
}

export interface SessionStore {
  create(session: SignIn): Promise<void>;
  get(id: string): Promise<SignIn | undefined>;
  /** Records activity at `at`. */
  touch(id: string, at: number): Promise<void>;
  remove(ids: readonly string[]): Promise<void>;
  /** The sessions among `ids` that still exist. */
  some(ids: readonly string[]): Promise<SignIn[]>;
  /** Deletes sessions created before `createdBefore` or idle since before `seenBefore`. */
  prune(createdBefore: number, seenBefore: number): Promise<void>;
}

export function createMemorySessions(): SessionStore {
  const sessions = new Map<string, SignIn>();
  return {
    create: async (session) => {
      sessions.set(session.id, { ...session });
    },
    get: async (id) => {
      const session = sessions.get(id);
      return session ? { ...session } : undefined;
    },
    touch: async (id, at) => {
      const session = sessions.get(id);
      if (session) session.lastSeen = at;
    },
    remove: async (ids) => {
      for (const id of ids) sessions.delete(id);
    },
    some: async (ids) => ids.flatMap((id) => (sessions.has(id) ? [{ ...(sessions.get(id) as SignIn) }] : [])),
    prune: async (createdBefore, seenBefore) => {
      for (const [id, session] of sessions)
        if (session.createdAt < createdBefore || session.lastSeen < seenBefore) sessions.delete(id);
    },
  };
}

const COLUMNS = "id, name, stamp, created_at, last_seen";
/** Ids per `IN (...)` list. */
const CHUNK = 200;

function toSignIn(row: unknown[]): SignIn {
  const [id, user, stamp, createdAt, lastSeen] = row;
  return {
    id: String(id),
    user: String(user),
    stamp: Number(stamp),
    createdAt: Number(createdAt),
    lastSeen: Number(lastSeen),
  };
}

/** `$1, $2, ...` for `count` parameters. */
function placeholders(count: number): string {
  return Array.from({ length: count }, (_, i) => `$${i + 1}`).join(", ");
}

/** Creates `access_sessions` if absent and returns the store on `engine`. */
export async function openSqlSessions(engine: SqlEngine): Promise<SessionStore> {
  const text = engine.name === "postgres" ? "TEXT" : "VARCHAR";
  const db = engine.read;
  const ddl = `CREATE TABLE IF NOT EXISTS access_sessions (id ${text} PRIMARY KEY, name ${text} NOT NULL, stamp BIGINT NOT NULL, created_at BIGINT NOT NULL, last_seen BIGINT NOT NULL)`;
  try {
    await db.run(ddl);
  } catch {
    // Two servers creating it at once on PostgreSQL: the loser finds it there.
    await db.run(ddl);
  }
  const int = (value: number): string => String(Math.floor(value));
  const chunks = (ids: readonly string[]): string[][] => {
    const out: string[][] = [];
    for (let i = 0; i < ids.length; i += CHUNK) out.push(ids.slice(i, i + CHUNK));
    return out;
  };
  return {
    create: async (s) => {
      await db.run(
        `INSERT INTO access_sessions (${COLUMNS}) VALUES ($1, $2, ${int(s.stamp)}, ${int(s.createdAt)}, ${int(s.lastSeen)})`,
        [s.id, s.user],
      );
    },
    get: async (id) => {
      const rows = await db.run(`SELECT ${COLUMNS} FROM access_sessions WHERE id = $1`, [id]);
      return rows[0] ? toSignIn(rows[0]) : undefined;
    },
    touch: async (id, at) => {
      await db.run(`UPDATE access_sessions SET last_seen = ${int(at)} WHERE id = $1`, [id]);
    },
    remove: async (ids) => {
      for (const chunk of chunks(ids))
        await db.run(`DELETE FROM access_sessions WHERE id IN (${placeholders(chunk.length)})`, chunk);
    },
    some: async (ids) => {
      const found: SignIn[] = [];
      for (const chunk of chunks(ids)) {
        const rows = await db.run(
          `SELECT ${COLUMNS} FROM access_sessions WHERE id IN (${placeholders(chunk.length)})`,
          chunk,
        );
        found.push(...rows.map(toSignIn));
      }
      return found;
    },
    prune: async (createdBefore, seenBefore) => {
      await db.run(
        `DELETE FROM access_sessions WHERE created_at < ${int(createdBefore)} OR last_seen < ${int(seenBefore)}`,
      );
    },
  };
}
