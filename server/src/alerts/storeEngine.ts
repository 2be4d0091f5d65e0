/**
 * The SQL engine under the history store, so the alert tables live in the same database: the
 * store's public `engine` (TieredStore, which both engines' stores are). A store of another
 * shape (a test double) gives undefined, and the gateway keeps alerts in memory and says so.
 */
import type { HistoryStore } from "../store/historyStore";
import type { SqlEngine } from "../store/sqlEngine";
import { TieredStore } from "../store/tieredStore";

/** The store's engine, or undefined when `store` has none. */
export function storeEngine(store: HistoryStore | undefined): SqlEngine | undefined {
  return store instanceof TieredStore ? store.engine : undefined;
}
