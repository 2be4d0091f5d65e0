/**
 * `Intl` formatters in the active locale, built once per locale and options: building one costs
 * far more than using it, and charts format every candidate tick.
 */
import { currentLocale } from "./i18n";

const numberFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function cached<F>(cache: Map<string, F>, options: object, build: (locale: string) => F): F {
  const locale = currentLocale();
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = cache.get(key);
  if (!format) {
    format = build(locale);
    cache.set(key, format);
  }
  return format;
}

/** An `Intl.NumberFormat` for the active locale. */
export function numberFormat(options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  return cached(numberFormats, options, (locale) => new Intl.NumberFormat(locale, options));
}

/** An `Intl.DateTimeFormat` for the active locale. */
export function dateTimeFormat(options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return cached(dateFormats, options, (locale) => new Intl.DateTimeFormat(locale, options));
}

/** A count or measure, grouped as the locale groups digits (`12,345`). */
export function formatNumber(value: number, options?: Intl.NumberFormatOptions): string {
  return numberFormat(options).format(value);
}

const CLOCK: Intl.DateTimeFormatOptions = {
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
};

/** Local wall-clock time with seconds, 24-hour, e.g. `14:03:07`. */
export function formatTimeOfDay(epochMs: number): string {
  return dateTimeFormat(CLOCK).format(epochMs);
}

const DATE: Intl.DateTimeFormatOptions = { year: "numeric", month: "short", day: "numeric" };

/** A calendar date in the locale's words: `Nov 29, 2026`, `2026年11月29日`. */
export function formatDate(epochMs: number): string {
  return dateTimeFormat(DATE).format(epochMs);
}

const DATE_TIME: Intl.DateTimeFormatOptions = {
  ...DATE,
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
};

/** A date and time to the minute in the locale's words. */
export function formatDateTime(epochMs: number): string {
  return dateTimeFormat(DATE_TIME).format(epochMs);
}
