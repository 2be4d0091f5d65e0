import { t } from "../i18n/i18n";
import { useTheme } from "./useTheme";

/** Switches between light and dark; the choice is remembered. */
export function ThemeToggle() {
  const { theme, toggle } = useTheme();
  const dark = theme === "dark";
  return (
    <button type="button" className="btn btn-ghost" aria-pressed={dark} onClick={toggle}>
      <span aria-hidden="true">{dark ? "☾" : "☀"}</span> {t("header.darkTheme")}
    </button>
  );
}
