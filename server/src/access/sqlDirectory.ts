/**
 * Users in PostgreSQL (`--store postgres://...`): tables `users`, `api_tokens` and
 * `user_changes` in the store's database, so servers sharing it share users and the users
 * command line writes them directly. Each change and its journal line are one statement (a CTE),
 * and `takeChanges` deletes the lines it returns with SKIP LOCKED, so of several servers exactly
 * one reports each change to the audit log.
 */
import pg from "pg";
import type { SqlRunner } from "../store/sqlEngine";
import type { Role } from "./actor";
import {
  nameProblem,
  type UserChange,
  type UserDirectory,
  UserError,
  type UserRecord,
} from "./userDirectory";

const SCHEMA = [
  "CREATE TABLE IF NOT EXISTS users (name TEXT PRIMARY KEY, role TEXT NOT NULL, password TEXT NOT NULL, created_at BIGINT NOT NULL, stamp BIGINT NOT NULL)",
  "CREATE TABLE IF NOT EXISTS api_tokens (digest TEXT PRIMARY KEY, name TEXT NOT NULL REFERENCES users (name) ON DELETE CASCADE, created_at BIGINT NOT NULL)",
  "CREATE TABLE IF NOT EXISTS user_changes (id BIGSERIAL PRIMARY KEY, at BIGINT NOT NULL, op TEXT NOT NULL, name TEXT NOT NULL, role TEXT)",
];
const USER_COLUMNS = "name, role, password, created_at, stamp";
/** Journal lines taken per call. */
const TAKE_BATCH = 500;

function toUser(row: unknown[] | undefined): UserRecord | undefined {
  if (!row) return undefined;
  const [name, role, password, createdAt, stamp] = row;
  return {
    name: String(name),
    role: role as Role,
    password: String(password),
    createdAt: Number(createdAt),
    stamp: Number(stamp),
  };
}

/** Creates the tables if absent (two servers starting together: the loser retries once). */
async function createSchema(db: SqlRunner): Promise<void> {
  for (const statement of SCHEMA) {
    try {
      await db.run(statement);
    } catch {
      await db.run(statement);
    }
  }
}

/** Opens the directory on `db` (the store engine's read side, or the command line's client). */
export async function openSqlDirectory(db: SqlRunner, now: () => number = Date.now): Promise<UserDirectory> {
  await createSchema(db);
  /** Runs a change with its journal line; fails with not_found when it touched no user. */
  const change = async (name: string, op: string, role: Role | undefined, edit: string, params: string[]) => {
    const at = String(now());
    const rows = await db.run(
      `WITH changed AS (${edit} RETURNING name) INSERT INTO user_changes (at, op, name, role) SELECT ${at}, $${params.length + 1}, name, $${params.length + 2} FROM changed RETURNING id`,
      [...params, op, role ?? ""],
    );
    if (rows.length === 0) throw new UserError("not_found", `name: no user "${name}"`);
  };
  return {
    where: "PostgreSQL",
    users: async () =>
      (await db.run(`SELECT ${USER_COLUMNS} FROM users ORDER BY name`)).map(
        (row) => toUser(row) as UserRecord,
      ),
    user: async (name) =>
      toUser((await db.run(`SELECT ${USER_COLUMNS} FROM users WHERE name = $1`, [name]))[0]),
    userByToken: async (digest) =>
      toUser(
        (
          await db.run(
            `SELECT ${USER_COLUMNS.replace(/(\w+)/g, "u.$1")} FROM api_tokens t JOIN users u ON u.name = t.name WHERE t.digest = $1`,
            [digest],
          )
        )[0],
      ),
    hasTokens: async () => (await db.run("SELECT 1 FROM api_tokens LIMIT 1")).length > 0,
    add: async (name, role, password) => {
      const problem = nameProblem(name);
      if (problem) throw new UserError("bad_request", problem);
      try {
        await change(
          name,
          "add",
          role,
          `INSERT INTO users (${USER_COLUMNS}) VALUES ($1, $2, $3, ${now()}, 1)`,
          [name, role, password],
        );
      } catch (error) {
        if ((error as { code?: string }).code === "23505")
          throw new UserError("conflict", `name: user "${name}" exists already`);
        throw error;
      }
    },
    remove: (name) => change(name, "remove", undefined, "DELETE FROM users WHERE name = $1", [name]),
    setRole: (name, role) =>
      change(name, "set-role", role, "UPDATE users SET role = $2, stamp = stamp + 1 WHERE name = $1", [
        name,
        role,
      ]),
    setPassword: (name, password) =>
      change(
        name,
        "reset-password",
        undefined,
        "UPDATE users SET password = $2, stamp = stamp + 1 WHERE name = $1",
        [name, password],
      ),
    addToken: (name, digest) =>
      change(
        name,
        "token",
        undefined,
        `INSERT INTO api_tokens (digest, name, created_at) SELECT $2, name, ${now()} FROM users WHERE name = $1`,
        [name, digest],
      ),
    takeChanges: async () => {
      const rows = await db.run(
        `DELETE FROM user_changes WHERE id IN (SELECT id FROM user_changes ORDER BY id LIMIT ${TAKE_BATCH} FOR UPDATE SKIP LOCKED) RETURNING id, at, op, name, role`,
      );
      return rows
        .sort((a, b) => Number(a[0]) - Number(b[0]))
        .map(([, at, op, name, role]) => {
          const entry: UserChange = { at: Number(at), op: op as UserChange["op"], name: String(name) };
          if (role) entry.role = role as Role;
          return entry;
        });
    },
    close: async () => {},
  };
}

/** Opens the directory in the PostgreSQL database at `url` on a connection of its own (the users command line). */
export async function connectPostgresDirectory(url: string): Promise<UserDirectory> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  client.on("error", () => {});
  try {
    await client.connect();
  } catch (error) {
    throw new UserError("unavailable", `cannot reach PostgreSQL at --store: ${(error as Error).message}`);
  }
  const db: SqlRunner = {
    run: async (sql, params = []) =>
      (await client.query({ text: sql, values: [...params], rowMode: "array" })).rows as unknown[][],
  };
  const directory = await openSqlDirectory(db);
  return { ...directory, close: () => client.end() };
}
