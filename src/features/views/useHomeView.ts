/**
 * A saved view as the home page: when the dashboard is opened at its bare root, it shows the
 * user's home view instead, once per page load (the Fleet link still leads to the overview).
 */
import { useEffect } from "react";
import { navigate } from "../../ui/links";
import { listViews } from "./viewsClient";

const bare = (hash: string) => hash === "" || hash === "#" || hash === "#/";
/** Where the page was opened: a link to a page is followed, not replaced by the home view. */
const openedAt = typeof location === "undefined" ? "#/" : location.hash;
let done = false;

/** Called by the fleet overview: opens the home view if this page load started at the root. */
export function useHomeView(): void {
  useEffect(() => {
    if (done || !bare(openedAt)) return;
    done = true;
    listViews().then(
      ({ views, home }) => {
        const view = views.find((v) => v.id === home);
        // Unless the user has gone elsewhere meanwhile.
        if (view && bare(location.hash)) navigate(view.state, { replace: true });
      },
      // No views API or no access: the overview it is.
      () => {},
    );
  }, []);
}
