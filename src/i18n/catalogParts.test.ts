import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { CATALOG_PARTS, catalogPartOf } from "./catalogParts";
import en from "./catalogs/en.json";
import { loadCatalog } from "./loadCatalog";
import { SUPPORTED_LOCALES } from "./locales";

const SRC = resolve(import.meta.dirname, "..");
const IDS = Object.keys(en);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

function resolveImport(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith(".")) return undefined;
  const base = resolve(dirname(from), specifier);
  return [`${base}.ts`, `${base}.tsx`, join(base, "index.ts"), base].find(
    (path) => /\.tsx?$/.test(path) && existsSync(path),
  );
}

/** The modules `file` imports statically (not `import type`, not `import()`). */
function staticImports(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const imports = text.matchAll(/^\s*(?:import|export)\s+(type\s+)?(?:[^"';]*?\sfrom\s+)?"([^"]+)"/gm);
  return [...imports].flatMap(([, typeOnly, specifier]) => {
    const path = typeOnly ? undefined : resolveImport(file, specifier as string);
    return path ? [path] : [];
  });
}

/**
 * The modules `import("…")` in `file` loads, and whether each comes with the pages part
 * (`pageChunk(() => import(…))`, `withPagesPart(import(…))`).
 */
function dynamicImports(file: string): { path: string; page: boolean }[] {
  const text = readFileSync(file, "utf8");
  return [
    ...text.matchAll(
      /(pageChunk\(\s*\(\)\s*=>\s*|withPagesPart\(\s*)?(?<!typeof\s)\bimport\(\s*"([^"]+)"\s*\)/g,
    ),
  ].flatMap(([, page, specifier]) => {
    const path = resolveImport(file, specifier as string);
    return path ? [{ path, page: Boolean(page) }] : [];
  });
}

function closure(entries: string[]): Set<string> {
  const seen = new Set<string>();
  const pending = [...entries];
  for (let file = pending.pop(); file; file = pending.pop()) {
    if (seen.has(file)) continue;
    seen.add(file);
    pending.push(...staticImports(file));
  }
  return seen;
}

/** The catalogue ids a module can ask for: literal ids, and every id of a `prefix.${…}` template. */
function idsUsedBy(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const literals = [...text.matchAll(/["'`]([A-Za-z]+\.[\w.]+)["'`]/g)].map((m) => m[1] as string);
  const prefixes = [...text.matchAll(/`([A-Za-z]+\.)\$\{/g)].map((m) => m[1] as string);
  return IDS.filter((id) => literals.includes(id) || prefixes.some((prefix) => id.startsWith(prefix)));
}

describe("catalogue parts", () => {
  it("put every message in exactly one part, in every language", async () => {
    for (const locale of SUPPORTED_LOCALES) {
      const parts = await Promise.all(CATALOG_PARTS.map((part) => loadCatalog(locale, part)));
      const ids = parts.flatMap((messages) => Object.keys(messages));
      expect(ids.length, locale).toBe(new Set(ids).size);
      expect(ids.sort(), locale).toEqual([...IDS].sort());
      CATALOG_PARTS.forEach((part, i) => {
        for (const id of Object.keys(parts[i] ?? {})) expect(catalogPartOf(id), id).toBe(part);
      });
    }
  });

  it("keep unprefixed ids and unknown prefixes in the start part", () => {
    expect(catalogPartOf("title")).toBe("start");
    expect(catalogPartOf("somethingNew.label")).toBe("start");
    expect(catalogPartOf("device.title")).toBe("pages");
    expect(catalogPartOf("devices.title")).toBe("start");
    expect(catalogPartOf("compare.title")).toBe("pages");
    expect(catalogPartOf("compare.pickedMost")).toBe("start");
  });

  it("give every module the start page runs only messages of the start part", () => {
    const files = sourceFiles(SRC);
    const startPage = closure([join(SRC, "main.tsx")]);
    const dynamic = files.flatMap(dynamicImports);
    const pages = closure(dynamic.filter((entry) => entry.page).map((entry) => entry.path));
    // A chunk imported without pageChunk (not a page) comes without the pages part.
    const withoutPages = closure(dynamic.filter((entry) => !entry.page).map((entry) => entry.path));
    expect(startPage.size).toBeGreaterThan(50);
    expect(pages.size).toBeGreaterThan(20);
    const misplaced = files.flatMap((file) => {
      const onlyOnPages = pages.has(file) && !startPage.has(file) && !withoutPages.has(file);
      if (onlyOnPages) return [];
      return idsUsedBy(file)
        .filter((id) => catalogPartOf(id) !== "start")
        .map((id) => `${id} (${relative(SRC, file)})`);
    });
    expect(misplaced).toEqual([]);
  });

  it("load every lazily imported page with its messages (pageChunk)", () => {
    const app = sourceFiles(join(SRC, "app"));
    const imports = app.flatMap(dynamicImports);
    expect(imports.length).toBeGreaterThan(5);
    // Not pages, reviewed one by one: chunks that speak only start-part words (the test above
    // checks their words), loaded after the first render.
    const notPages = ["features/alerts/LegacyThresholdsBanner.tsx"];
    expect(imports.filter((entry) => !entry.page).map((entry) => relative(SRC, entry.path))).toEqual(
      notPages,
    );
  });
});
