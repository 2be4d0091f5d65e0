/**
 * The one i18n instance (Lingui's core): `t(id, values)` everywhere, in components and plain
 * modules alike. Catalogues are ICU MessageFormat JSON, one per language, loaded lazily: only the
 * active one is fetched, and it is compiled in the same lazy chunk, so neither the catalogues nor
 * the compiler weigh on the start page. Switching language reloads the page (everything is in
 * the URL), so no component has to subscribe to the locale.
 */
import { setupI18n } from "@lingui/core";
import type en from "./catalogs/en.json";
import { DEFAULT_LOCALE, LOCALE_STORAGE_KEY, type Locale } from "./locales";

/** Every message id; `en.json` is the reference catalogue, so a typo is a type error. */
export type MessageId = keyof typeof en;
export type MessageValues = Record<string, string | number>;

const i18n = setupI18n();
let active: Locale = DEFAULT_LOCALE;

// A missing message says so in the console (the i18n e2e spec fails on it), and shows its id.
i18n.on("missing", ({ id, locale }) => {
  console.error(`Missing translation: ${locale} ${id}`);
});

/** Loads, compiles and activates one language's catalogue; sets `<html lang>`. */
export async function activateLocale(locale: Locale): Promise<void> {
  const { loadCatalog } = await import("./loadCatalog");
  const messages = await loadCatalog(locale);
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

/** The active locale, for `Intl` formatters. */
export function currentLocale(): Locale {
  return active;
}

/** The message `id` in the active language, with `{name}` placeholders and ICU plurals filled. */
export function t(id: MessageId, values?: MessageValues): string {
  return i18n._(id, values);
}

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
