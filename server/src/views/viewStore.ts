/**
 * Where saved views live (issue 16, docs/VIEWS.md): in the history store's database when the
 * server has one (sqlViewStore.ts), in memory otherwise. Views are shared by the whole team;
 * favourites and the home view are each user's own.
 */
import type { SavedView } from "../../../src/features/views/viewFormat";

/** A user's own choices among the views. */
export interface ViewPrefs {
  favourites: string[];
  /** The view shown at the dashboard's root, or null. */
  home: string | null;
}

export interface ViewStore {
  /** Where the views are kept, for the start line ("in DuckDB", "in memory"). */
  readonly where: string;
  /** Every view, by name. */
  list(): Promise<SavedView[]>;
  get(id: string): Promise<SavedView | undefined>;
  create(view: SavedView): Promise<void>;
  /** Replaces name, kind, state and updatedAt; false when there is no such view. */
  update(view: SavedView): Promise<boolean>;
  /** Removes the view and every user's favourite and home on it; false when there was none. */
  remove(id: string): Promise<boolean>;
  prefs(user: string): Promise<ViewPrefs>;
  setFavourite(user: string, id: string, on: boolean): Promise<void>;
  /** Makes `id` the user's home view, or clears it (null). */
  setHome(user: string, id: string | null): Promise<void>;
}

/** Views for a server without a store: gone at restart. */
export function createMemoryViews(): ViewStore {
  const views = new Map<string, SavedView>();
  const favourites = new Map<string, Set<string>>();
  const homes = new Map<string, string>();
  return {
    where: "in memory (gone at restart: start with --data or --store to keep them)",
    list: async () => [...views.values()].sort((a, b) => a.name.localeCompare(b.name)).map((v) => ({ ...v })),
    get: async (id) => {
      const view = views.get(id);
      return view ? { ...view } : undefined;
    },
    create: async (view) => {
      views.set(view.id, { ...view });
    },
    update: async (view) => {
      if (!views.has(view.id)) return false;
      views.set(view.id, { ...view });
      return true;
    },
    remove: async (id) => {
      for (const set of favourites.values()) set.delete(id);
      for (const [user, home] of homes) if (home === id) homes.delete(user);
      return views.delete(id);
    },
    prefs: async (user) => ({
      favourites: [...(favourites.get(user) ?? [])].sort(),
      home: homes.get(user) ?? null,
    }),
    setFavourite: async (user, id, on) => {
      const set = favourites.get(user) ?? new Set<string>();
      favourites.set(user, set);
      if (on) set.add(id);
      else set.delete(id);
    },
    setHome: async (user, id) => {
      if (id === null) homes.delete(user);
      else homes.set(user, id);
    },
  };
}
