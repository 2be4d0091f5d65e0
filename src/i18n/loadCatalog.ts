/**
 * Catalogue parts, fetched only for the active locale and only when needed (src/i18n/catalogParts.ts).
 * Catalogues are kept as ICU MessageFormat strings (readable, easy to translate) and compiled when
 * the app is built (scripts/compiledCatalogs.ts), so the ICU compiler never reaches the browser.
 */
import type { Messages } from "@lingui/core";
import type { CatalogPart } from "./catalogParts";
import type { Locale } from "./locales";

// Literal paths, so the bundler sees every chunk: one per locale and part.
const CATALOGS: Record<Locale, Record<CatalogPart, () => Promise<{ default: Messages }>>> = {
  en: {
    start: () => import("virtual:catalog/en/start"),
    pages: () => import("virtual:catalog/en/pages"),
  },
  "zh-CN": {
    start: () => import("virtual:catalog/zh-CN/start"),
    pages: () => import("virtual:catalog/zh-CN/pages"),
  },
};

/** One part of one language's catalogue, compiled. */
export async function loadCatalog(locale: Locale, part: CatalogPart): Promise<Messages> {
  return (await CATALOGS[locale][part]()).default;
}
