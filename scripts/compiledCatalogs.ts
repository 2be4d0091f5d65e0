/**
 * Compiles the i18n catalogues (src/i18n/catalogs/*.json, ICU MessageFormat strings) when the app
 * is built, so the browser downloads what Lingui's runtime formats and never the ICU compiler
 * (6.9 kB gzip that every first render waited for). `import("virtual:catalog/zh-CN/start")` gives
 * the compiled messages of that catalogue's `start` part (src/i18n/catalogParts.ts says which
 * message is in which part); `virtual:catalog/zh-CN` gives all of them. Used by vite.config.ts and
 * vitest.config.ts.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { compileMessage } from "@lingui/message-utils/compileMessage";
import type { Plugin } from "vite";
import { CATALOG_PARTS, catalogPartOf, isCatalogPart } from "../src/i18n/catalogParts";

const PREFIX = "virtual:catalog/";
const CATALOGS = resolve(import.meta.dirname, "../src/i18n/catalogs");

export function compiledCatalogs(): Plugin {
  return {
    name: "fleet-compiled-catalogs",
    enforce: "pre",
    // Resolved as `\0catalog/<locale>[/<part>]`, so the chunk is named `catalog-<locale>-<part>`
    // (the chunk of a dynamic import is named after its module's last path segment), a name
    // scripts/startPageBytes.ts and the budget test recognise.
    resolveId(id) {
      if (!id.startsWith(PREFIX)) return undefined;
      const [locale = "", part, ...rest] = id.slice(PREFIX.length).split("/");
      if (!/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(locale))
        throw new Error(`no catalogue name "${locale}"`);
      if ((part !== undefined && !isCatalogPart(part)) || rest.length > 0)
        throw new Error(`no catalogue part "${id}" (the parts: ${CATALOG_PARTS.join(", ")})`);
      return `\0catalog/${locale}/catalog-${[locale, part].filter(Boolean).join("-")}`;
    },
    load(id) {
      if (!id.startsWith("\0catalog/")) return undefined;
      const [locale = "", name = ""] = id.slice("\0catalog/".length).split("/");
      const part = CATALOG_PARTS.find((candidate) => name.endsWith(`-${candidate}`));
      const file = resolve(CATALOGS, `${locale}.json`);
      this.addWatchFile(file);
      const source = JSON.parse(readFileSync(file, "utf8")) as Record<string, string>;
      const compiled = Object.fromEntries(
        Object.entries(source)
          .filter(([key]) => part === undefined || catalogPartOf(key) === part)
          .map(([key, text]) => [key, compileMessage(text)]),
      );
      return `export default ${JSON.stringify(compiled)};`;
    },
  };
}
