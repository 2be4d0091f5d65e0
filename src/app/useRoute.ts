/** The shell's view of the location: the current route, following hash changes. */
import { useSyncExternalStore } from "react";
import { parseRoute, type Route } from "./route";

function subscribe(onChange: () => void): () => void {
  window.addEventListener("hashchange", onChange);
  return () => window.removeEventListener("hashchange", onChange);
}

// Route objects are cached per hash so useSyncExternalStore sees a stable snapshot.
let cachedHash: string | undefined;
let cachedRoute: Route = { name: "overview", query: new URLSearchParams() };
function snapshot(): Route {
  if (location.hash !== cachedHash) {
    cachedHash = location.hash;
    cachedRoute = parseRoute(location.hash);
  }
  return cachedRoute;
}

/** The current hash route; re-renders on navigation, including back/forward. */
export function useRoute(): Route {
  return useSyncExternalStore(subscribe, snapshot);
}
