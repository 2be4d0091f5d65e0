// Unit tests read the English catalogue, as an English browser does (vitest.config.ts setupFiles):
// every part of it, as a browser has once it has opened a lazily loaded page.
import { activateLocale, loadCatalogPart } from "./i18n";

await activateLocale("en");
await loadCatalogPart("pages");
