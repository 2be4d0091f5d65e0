import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app/App";
import { hashForPath } from "./app/route";
import { applyTheme, storedTheme, systemTheme } from "./app/theme";
import { activateWithFallback } from "./i18n/i18n";
import { initialLocale } from "./i18n/locales";

// Apply the theme before the first paint so a dark-mode user never sees a light flash.
applyTheme(storedTheme() ?? systemTheme());

// A path-style deep link (/devices/<id>, served by the SPA fallback) becomes the hash route.
const hash = hashForPath(location.pathname, location.search);
if (hash) history.replaceState(null, "", `/${hash}`);

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root element");
// The first render waits for the active language's catalogue (one small lazy chunk), so no
// message is shown in the wrong language; English when that one cannot load. With none at all,
// say so in both languages rather than render message ids.
const render = () =>
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
void activateWithFallback(initialLocale()).then((locale) => {
  if (locale) return render();
  const message = document.createElement("p");
  message.setAttribute("role", "alert");
  message.textContent =
    "The dashboard could not load its text: check the connection, then reload. 仪表板无法加载界面文字：请检查网络连接后刷新页面。";
  root.replaceChildren(message);
});
