import { currentLocale, switchLocale, t } from "./i18n";
import { isLocale, LOCALE_NAMES, SUPPORTED_LOCALES } from "./locales";

/** The header's language choice; remembered, and it reloads the page in the new language. */
export function LanguageSwitch() {
  return (
    <label className="language-switch">
      <span className="visually-hidden">{t("header.language")}</span>
      <select
        value={currentLocale()}
        onChange={(event) => {
          if (isLocale(event.target.value)) switchLocale(event.target.value);
        }}
      >
        {SUPPORTED_LOCALES.map((locale) => (
          <option key={locale} value={locale} lang={locale}>
            {LOCALE_NAMES[locale]}
          </option>
        ))}
      </select>
    </label>
  );
}
