/**
 * The one i18n instance (Lingui's core): `t(id, values)` everywhere, in components and plain
 * modules alike. Catalogues are ICU MessageFormat JSON, one per language, compiled at build time
 * and loaded lazily in parts (catalogParts.ts): only the active language, and of it only the
 * `start` part before the first render; the lazily loaded pages bring the `pages` part
 * (`loadCatalogPart`). Switching language reloads the page (everything is in the URL), so no
 * component has to subscribe to the locale.
 */
import { type Messages, setupI18n } from "@lingui/core";
import type { CatalogPart } from "./catalogParts";
import type en from "./catalogs/en.json";
import { loadCatalog } from "./loadCatalog";
import { DEFAULT_LOCALE, LOCALE_STORAGE_KEY, type Locale } from "./locales";

/** Every message id; `en.json` is the reference catalogue, so a typo is a type error. */
export type MessageId = keyof typeof en;
export type MessageValues = Record<string, string | number>;

const i18n = setupI18n();
let active: Locale = DEFAULT_LOCALE;
/** The parts loaded beside `start`; activating another language loads them in it too. */
const loadedParts = new Set<CatalogPart>();

// A missing message says so in the console (the i18n e2e spec fails on it), and shows its id.
i18n.on("missing", ({ id, locale }) => {
  console.error(`Missing translation: ${locale} ${id}`);
});

/**
 * Loads and activates one language's catalogue: its `start` part, and the parts already loaded
 * in the language before; sets `<html lang>`.
 */
export async function activateLocale(locale: Locale): Promise<void> {
  const parts = await Promise.all(
    ["start" as const, ...loadedParts].map((part) => loadCatalog(locale, part)),
  );
  // A copy: Lingui merges later parts into the object it is given, not into the module's.
  const messages: Messages = Object.assign({}, ...parts);
  i18n.loadAndActivate({ locale, messages });
  active = locale;
  if (typeof document !== "undefined") document.documentElement.lang = locale;
}

/**
 * Activates `locale`, or English when its catalogue cannot be loaded (a chunk that failed to
 * download), so the page never shows message ids. Resolves to the locale now active, or
 * undefined when no catalogue could be loaded at all.
 */
export async function activateWithFallback(locale: Locale): Promise<Locale | undefined> {
  for (const candidate of locale === DEFAULT_LOCALE ? [locale] : [locale, DEFAULT_LOCALE]) {
    try {
      await activateLocale(candidate);
      return candidate;
    } catch (error) {
      console.error(`The ${candidate} catalogue could not be loaded`, error);
    }
  }
  return undefined;
}

/**
 * Loads a part of the active language's catalogue, once, before a page that needs it renders
 * (`withPagesPart`). A part that cannot be loaded in that language falls back to English, as
 * `activateWithFallback` does; rejects when English cannot be loaded either.
 */
export async function loadCatalogPart(part: CatalogPart): Promise<void> {
  if (loadedParts.has(part)) return;
  const locale = active;
  let messages: Messages;
  try {
    messages = await loadCatalog(locale, part);
  } catch (error) {
    if (locale === DEFAULT_LOCALE) throw error;
    console.error(`The ${locale} catalogue (${part}) could not be loaded`, error);
    messages = await loadCatalog(DEFAULT_LOCALE, part);
  }
  if (locale !== active) return loadCatalogPart(part);
  i18n.load(locale, messages);
  loadedParts.add(part);
}

/**
 * The lazily imported `module`, once the `pages` part has loaded too: for code split off the start
 * page that shows `pages` messages (src/app/pageChunk.ts, the Save view form). Rejects when
 * either cannot be loaded.
 */
export async function withPagesPart<T>(module: Promise<T>): Promise<T> {
  const [loaded] = await Promise.all([module, loadCatalogPart("pages")]);
  return loaded;
}

/** The active locale, for `Intl` formatters. */
export function currentLocale(): Locale {
  return active;
}

/** The message `id` in the active language, with `{name}` placeholders and ICU plurals filled. */
export function t(id: MessageId, values?: MessageValues): string {
  // Before any catalogue is active Lingui throws, and a socket handler or a store update that
  // throws stops the dashboard (a bench page that started the socket first stored nothing).
  // The id shows instead, and the console says why, once.
  if (!i18n.locale) {
    if (!warnedInactive) console.error(`Translation asked before a language was active: ${id}`);
    warnedInactive = true;
    return id;
  }
  return i18n._(id, values);
}
let warnedInactive = false;

/** Whether the active catalogue has `id` (for ids built from a server's code). */
export function hasMessage(id: string): id is MessageId {
  return Object.hasOwn(i18n.messages, id);
}

/** Remembers the choice and reloads, so every part of the page speaks the new language. */
export function switchLocale(locale: Locale): void {
  try {
    localStorage.setItem(LOCALE_STORAGE_KEY, locale);
  } catch {
    // Not remembered; the page still reloads in the default choice.
  }
  location.reload();
}
