/**
 * Compiles the i18n catalogues (src/i18n/catalogs/*.json, ICU MessageFormat strings) when the app
 * is built, so the browser downloads what Lingui's runtime formats and never the ICU compiler
 * (6.9 kB gzip that every first render waited for). `import("virtual:catalog/zh-CN")` gives that
 * catalogue's compiled messages. Used by vite.config.ts and vitest.config.ts.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { compileMessage } from "@lingui/message-utils/compileMessage";
import type { Plugin } from "vite";

const PREFIX = "virtual:catalog/";
const CATALOGS = resolve(import.meta.dirname, "../src/i18n/catalogs");

export function compiledCatalogs(): Plugin {
  return {
    name: "fleet-compiled-catalogs",
    enforce: "pre",
    resolveId: (id) => (id.startsWith(PREFIX) ? `\0${id}` : undefined),
    load(id) {
      if (!id.startsWith(`\0${PREFIX}`)) return undefined;
      const locale = id.slice(PREFIX.length + 1);
      if (!/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(locale))
        throw new Error(`no catalogue name "${locale}"`);
      const file = resolve(CATALOGS, `${locale}.json`);
      this.addWatchFile(file);
      const source = JSON.parse(readFileSync(file, "utf8")) as Record<string, string>;
      const compiled = Object.fromEntries(
        Object.entries(source).map(([key, text]) => [key, compileMessage(text)]),
      );
      return `export default ${JSON.stringify(compiled)};`;
    },
  };
}
