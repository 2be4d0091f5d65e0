/**
 * The lazy half of i18n: one catalogue, fetched only for the active locale. Catalogues are kept
 * as ICU MessageFormat strings (readable, easy to translate) and compiled when the app is built
 * (scripts/compiledCatalogs.ts), so the ICU compiler never reaches the browser.
 */
import type { Messages } from "@lingui/core";
import type { Locale } from "./locales";

const CATALOGS: Record<Locale, () => Promise<{ default: Messages }>> = {
  en: () => import("virtual:catalog/en"),
  "zh-CN": () => import("virtual:catalog/zh-CN"),
};

export async function loadCatalog(locale: Locale): Promise<Messages> {
  return (await CATALOGS[locale]()).default;
}
