/**
 * The lazy half of i18n: the ICU compiler and one catalogue, fetched only for the active locale.
 * Catalogues are stored as ICU MessageFormat strings (readable, easy to translate) and compiled
 * here once, at load time, into what Lingui's runtime formats.
 */
import type { Messages } from "@lingui/core";
import { compileMessage } from "@lingui/message-utils/compileMessage";
import type { Locale } from "./locales";

const CATALOGS: Record<Locale, () => Promise<{ default: Record<string, string> }>> = {
  en: () => import("./catalogs/en.json"),
  "zh-CN": () => import("./catalogs/zh-CN.json"),
};

export async function loadCatalog(locale: Locale): Promise<Messages> {
  const source = (await CATALOGS[locale]()).default;
  const messages: Messages = {};
  for (const [id, text] of Object.entries(source)) messages[id] = compileMessage(text);
  return messages;
}
