/** Light/dark theme: follows the system until the operator picks one, which is remembered. */
export type Theme = "light" | "dark";

export const THEME_STORAGE_KEY = "fleet.theme";

/** The theme the operator chose, or undefined when the system decides. */
export function storedTheme(storage: Pick<Storage, "getItem"> = localStorage): Theme | undefined {
  try {
    const value = storage.getItem(THEME_STORAGE_KEY);
    return value === "light" || value === "dark" ? value : undefined;
  } catch {
    // Storage can be disabled (private mode, policies); the system theme still works.
    return undefined;
  }
}

export function systemTheme(): Theme {
  return window.matchMedia?.("(prefers-color-scheme: dark)").matches ? "dark" : "light";
}

export function applyTheme(theme: Theme): void {
  document.documentElement.dataset.theme = theme;
  document.documentElement.style.colorScheme = theme;
}
