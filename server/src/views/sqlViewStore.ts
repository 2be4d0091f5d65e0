/**
 * Saved views in the history store's database (DuckDB with `--data`, PostgreSQL with `--store`):
 * tables `saved_views`, `view_favourites` and `view_homes`, so servers sharing PostgreSQL share
 * views. Single autocommitted statements on the engine's read side, like the sign-in sessions
 * (access/sessionStore.ts): they never interleave with the history commits.
 */
import type { SavedView, ViewKind } from "../../../src/features/views/viewFormat";
import type { SqlEngine } from "../store/sqlEngine";
import type { ViewStore } from "./viewStore";

const COLUMNS = "id, name, owner, kind, state, version, created_at, updated_at";

function toView(row: unknown[]): SavedView {
  const [id, name, owner, kind, state, version, createdAt, updatedAt] = row;
  return {
    id: String(id),
    name: String(name),
    owner: String(owner),
    kind: String(kind) as ViewKind,
    state: String(state),
    version: Number(version),
    createdAt: Number(createdAt),
    updatedAt: Number(updatedAt),
  };
}

/** Numbers are inlined (the runner binds strings only); these are integers the server made. */
const int = (n: number) => String(Math.trunc(n));

/** Creates the tables if absent and returns the store on `engine`. */
export async function openSqlViews(engine: SqlEngine): Promise<ViewStore> {
  const db = engine.read;
  const text = engine.name === "postgres" ? "TEXT" : "VARCHAR";
  const schema = [
    `CREATE TABLE IF NOT EXISTS saved_views (id ${text} PRIMARY KEY, name ${text} NOT NULL, owner ${text} NOT NULL, kind ${text} NOT NULL, state ${text} NOT NULL, version INTEGER NOT NULL, created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL)`,
    `CREATE TABLE IF NOT EXISTS view_favourites (user_name ${text} NOT NULL, view_id ${text} NOT NULL, PRIMARY KEY (user_name, view_id))`,
    `CREATE TABLE IF NOT EXISTS view_homes (user_name ${text} PRIMARY KEY, view_id ${text} NOT NULL)`,
  ];
  for (const statement of schema) {
    // Two servers starting together on one PostgreSQL: the loser of the race retries once.
    await db.run(statement).catch(() => db.run(statement));
  }
  return {
    where: `in ${engine.name === "postgres" ? "PostgreSQL" : "DuckDB"}`,
    list: async () => (await db.run(`SELECT ${COLUMNS} FROM saved_views ORDER BY name, id`)).map(toView),
    get: async (id) => {
      const [row] = await db.run(`SELECT ${COLUMNS} FROM saved_views WHERE id = $1`, [id]);
      return row ? toView(row) : undefined;
    },
    create: async (v) => {
      await db.run(
        `INSERT INTO saved_views (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, ${int(v.version)}, ${int(v.createdAt)}, ${int(v.updatedAt)})`,
        [v.id, v.name, v.owner, v.kind, v.state],
      );
    },
    update: async (v) =>
      (
        await db.run(
          `UPDATE saved_views SET name = $2, kind = $3, state = $4, version = ${int(v.version)}, updated_at = ${int(v.updatedAt)} WHERE id = $1 RETURNING id`,
          [v.id, v.name, v.kind, v.state],
        )
      ).length > 0,
    remove: async (id) => {
      await db.run("DELETE FROM view_favourites WHERE view_id = $1", [id]);
      await db.run("DELETE FROM view_homes WHERE view_id = $1", [id]);
      return (await db.run("DELETE FROM saved_views WHERE id = $1 RETURNING id", [id])).length > 0;
    },
    prefs: async (user) => {
      const favourites = await db.run(
        "SELECT view_id FROM view_favourites WHERE user_name = $1 ORDER BY view_id",
        [user],
      );
      const [home] = await db.run("SELECT view_id FROM view_homes WHERE user_name = $1", [user]);
      return { favourites: favourites.map(([id]) => String(id)), home: home ? String(home[0]) : null };
    },
    setFavourite: async (user, id, on) => {
      await db.run(
        on
          ? "INSERT INTO view_favourites (user_name, view_id) VALUES ($1, $2) ON CONFLICT DO NOTHING"
          : "DELETE FROM view_favourites WHERE user_name = $1 AND view_id = $2",
        [user, id],
      );
    },
    setHome: async (user, id) => {
      if (id === null) await db.run("DELETE FROM view_homes WHERE user_name = $1", [user]);
      else
        await db.run(
          "INSERT INTO view_homes (user_name, view_id) VALUES ($1, $2) ON CONFLICT (user_name) DO UPDATE SET view_id = excluded.view_id",
          [user, id],
        );
    },
  };
}
