/**
 * The SQL engine under the history store, so the alert tables live in the same database. The
 * store does not expose it (server/src/store/ is another piece of work), so this reads the
 * `engine` its TieredStore was constructed with, and checks that it looks like one: a store of
 * another shape gives undefined and the gateway says so instead of failing later.
 */
import type { HistoryStore } from "../store/historyStore";
import type { SqlEngine } from "../store/sqlEngine";

/** The store's engine, or undefined when `store` has none this code recognises. */
export function storeEngine(store: HistoryStore | undefined): SqlEngine | undefined {
  const engine = (store as unknown as { engine?: Partial<SqlEngine> } | undefined)?.engine;
  const usable =
    engine !== undefined &&
    (engine.name === "duckdb" || engine.name === "postgres") &&
    typeof engine.read?.run === "function" &&
    typeof engine.transaction === "function";
  return usable ? (engine as SqlEngine) : undefined;
}
