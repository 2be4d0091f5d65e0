/**
 * The catalogue is compiled in two parts (scripts/compiledCatalogs.ts): `start`, which the first
 * render waits for, and `pages`, which comes with the first lazily loaded page (src/app/pageChunk.ts),
 * so the start page does not download the words of every other page. A message is in the part of
 * its id's longest prefix listed below. An id no prefix matches (unprefixed, or a new prefix) is in
 * `start`: never missing, only heavier, and the budget test says so. catalogParts.test.ts checks
 * that no module the start page runs asks for a `pages` message.
 */

export const CATALOG_PARTS = ["start", "pages"] as const;
export type CatalogPart = (typeof CATALOG_PARTS)[number];

/** Message id prefixes (up to and including a dot) used only by lazily loaded pages. */
const PAGE_PREFIXES: readonly string[] = [
  // The device view
  "device.",
  "alertState.",
  "band.",
  "commandStatus.",
  "convergence.",
  "rule.",
  "rules.",
  "state.",
  "stats.",
  // Charts and history (device view, Compare, Health)
  "chart.",
  "history.",
  "range.",
  "threshold.",
  "window.",
  // The Alerts page, Events, Audit
  "ack.",
  "alertsPage.",
  "controls.",
  "events.",
  "log.",
  "logType.",
  "notify.",
  "severity.",
  "shownState.",
  "audit.",
  // Health
  "health.",
  "server.",
  "webhooks.",
  // Sign-in
  "signIn.",
  // Compare and saved views (the overview's part of them is below, in START_PREFIXES)
  "compare.",
  "views.",
];

/** Exceptions inside a `pages` prefix that the start page uses (longest prefix wins). */
const START_PREFIXES: readonly string[] = [
  // A fleet card's Compare checkbox and the overview's compare bar
  "compare.pick",
  "compare.compareThese",
  "compare.clear",
  // The Save view button (its form is a chunk of its own) and the views client
  "views.save",
  "views.all",
  "views.noApi",
];

/** The part of the catalogue that holds the message `id`. */
export function catalogPartOf(id: string): CatalogPart {
  let part: CatalogPart = "start";
  let matched = 0;
  for (const [prefixes, candidate] of [
    [PAGE_PREFIXES, "pages"],
    [START_PREFIXES, "start"],
  ] as const) {
    for (const prefix of prefixes) {
      if (prefix.length > matched && id.startsWith(prefix)) {
        part = candidate;
        matched = prefix.length;
      }
    }
  }
  return part;
}

export function isCatalogPart(value: string): value is CatalogPart {
  return (CATALOG_PARTS as readonly string[]).includes(value);
}
