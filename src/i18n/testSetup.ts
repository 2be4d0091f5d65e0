// Unit tests read the English catalogue, as an English browser does (vitest.config.ts setupFiles).
import { activateLocale } from "./i18n";

await activateLocale("en");
