/** The languages the dashboard speaks, and how the first one is chosen. */

/** BCP 47 tags, in the order the language switch lists them. English is the fallback. */
export const SUPPORTED_LOCALES = ["en", "zh-CN"] as const;
export type Locale = (typeof SUPPORTED_LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";

/** Where the header's language switch remembers the choice. */
export const LOCALE_STORAGE_KEY = "fleet.locale";

/** Each language's own name, as the switch shows it (a reader looks for their language in it). */
export const LOCALE_NAMES: Record<Locale, string> = { en: "English", "zh-CN": "简体中文" };

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (SUPPORTED_LOCALES as readonly string[]).includes(value);
}

/**
 * The supported locale for one browser language tag: an exact match, else the same language
 * (`en-GB` -> `en`; any Chinese but Traditional -> `zh-CN`, the only Chinese we ship).
 */
export function matchLocale(tag: string): Locale | undefined {
  const lower = tag.toLowerCase();
  const exact = SUPPORTED_LOCALES.find((l) => l.toLowerCase() === lower);
  if (exact) return exact;
  const [language, ...rest] = lower.split("-");
  if (language === "zh") {
    const traditional = rest.some(
      (part) => part === "hant" || part === "tw" || part === "hk" || part === "mo",
    );
    return traditional ? undefined : "zh-CN";
  }
  return SUPPORTED_LOCALES.find((l) => l.split("-")[0] === language);
}

/** The remembered choice wins; else the first of the browser's languages we speak; else English. */
export function pickLocale(stored: string | null | undefined, browserLanguages: readonly string[]): Locale {
  if (isLocale(stored)) return stored;
  for (const tag of browserLanguages) {
    const match = matchLocale(tag);
    if (match) return match;
  }
  return DEFAULT_LOCALE;
}

export function storedLocale(): string | null {
  try {
    return localStorage.getItem(LOCALE_STORAGE_KEY);
  } catch {
    return null;
  }
}

/** The locale this page starts in. */
export function initialLocale(): Locale {
  const languages = typeof navigator === "undefined" ? [] : (navigator.languages ?? [navigator.language]);
  return pickLocale(storedLocale(), languages);
}
