/** Opens the saved views beside the other stores: in the history store's database, else in memory. */
import { storeEngine } from "../alerts/storeEngine";
import type { HistoryStore } from "../store/historyStore";
import { openSqlViews } from "./sqlViewStore";
import { createMemoryViews, type ViewStore } from "./viewStore";

export async function openViews(
  store: HistoryStore | undefined,
  log?: (line: string) => void,
): Promise<ViewStore> {
  const engine = storeEngine(store);
  const views = engine ? await openSqlViews(engine) : createMemoryViews();
  log?.(`views: saved views kept ${views.where}`);
  return views;
}
