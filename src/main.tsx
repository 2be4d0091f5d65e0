import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app/App";
import { hashForPath } from "./app/route";
import { applyTheme, storedTheme, systemTheme } from "./app/theme";
import { activateLocale } from "./i18n/i18n";
import { initialLocale } from "./i18n/locales";

// Apply the theme before the first paint so a dark-mode user never sees a light flash.
applyTheme(storedTheme() ?? systemTheme());

// A path-style deep link (/devices/<id>, served by the SPA fallback) becomes the hash route.
const hash = hashForPath(location.pathname, location.search);
if (hash) history.replaceState(null, "", `/${hash}`);

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root element");
// The first render waits for the active language's catalogue (one small lazy chunk), so no
// message is shown in the wrong language. If it cannot load, the page still renders (ids show).
const render = () =>
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
activateLocale(initialLocale()).then(render, (error: unknown) => {
  console.error(error);
  render();
});
