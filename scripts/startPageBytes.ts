/**
 * What the start page downloads before its first render, in gzip bytes, from a `npx vite build`:
 * the scripts dist/index.html names or modulepreloads, plus the catalogue chunks the first render
 * waits for (chunks whose name starts with `catalog-<locale>-start`, see scripts/compiledCatalogs.ts).
 * gzip is Node's zlib at its default level; Vite's printed figures (a Rust gzip) are up to 1 % larger.
 *
 *   npx tsx scripts/startPageBytes.ts            the table, one row per script
 *   npx tsx scripts/startPageBytes.ts --sources  and where each script's bytes come from (source maps)
 *   npx tsx scripts/startPageBytes.ts --files    the same by file of src/ (packages stay whole), top 40
 *   npx tsx scripts/startPageBytes.ts --locale zh-CN
 *   npx tsx scripts/startPageBytes.ts --dist /tmp/dist    another build (vite build --outDir)
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { SourceMapConsumer } from "source-map-js";

const args = process.argv.slice(2);
const DIST = args.includes("--dist")
  ? resolve(args[args.indexOf("--dist") + 1] ?? "dist")
  : resolve(import.meta.dirname, "../dist");
const locale = args.includes("--locale") ? (args[args.indexOf("--locale") + 1] ?? "en") : "en";

/** The scripts index.html loads or modulepreloads, as paths under dist/. */
function htmlScripts(): string[] {
  const html = readFileSync(resolve(DIST, "index.html"), "utf8");
  const tags = html.matchAll(/<(?:script[^>]*\ssrc|link rel="modulepreload"[^>]*\shref)="\/([^"]+\.js)"/g);
  return [...tags].map((match) => match[1] as string);
}

/** The catalogue chunks the first render awaits: the start part of the active locale. */
function catalogueScripts(): string[] {
  const prefix = `catalog-${locale}-start`;
  return readdirSync(resolve(DIST, "assets"))
    .filter((name) => name.startsWith(prefix) && name.endsWith(".js"))
    .map((name) => `assets/${name}`);
}

const byFile = args.includes("--files");

/** Raw bytes of a chunk by where they come from: an npm package, or a folder (with --files, a file) of src/. */
function bytesBySource(path: string): Map<string, number> {
  const by = new Map<string, number>();
  const mapFile = resolve(DIST, `${path}.map`);
  if (!existsSync(mapFile)) return by;
  const code = readFileSync(resolve(DIST, path), "utf8").split("\n");
  const map = new SourceMapConsumer(JSON.parse(readFileSync(mapFile, "utf8")));
  const mappings: { line: number; column: number; source: string | null }[] = [];
  map.eachMapping((m) =>
    mappings.push({ line: m.generatedLine, column: m.generatedColumn, source: m.source }),
  );
  mappings.forEach((m, i) => {
    const next = mappings[i + 1];
    const lineLength = code[m.line - 1]?.length ?? 0;
    const end = next && next.line === m.line ? next.column : lineLength;
    const source = m.source ?? "(generated)";
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(source)?.[1];
    const file = source.replace(/^.*?src\//, "src/");
    const key = pkg ?? (byFile ? file : file.replace(/\/[^/]+$/, "/"));
    by.set(key, (by.get(key) ?? 0) + (end - m.column));
  });
  return by;
}

const scripts = [...new Set([...htmlScripts(), ...catalogueScripts()])];
let total = 0;
console.log(`| script | raw bytes | gzip bytes |\n| --- | ---: | ---: |`);
for (const path of scripts) {
  const body = readFileSync(resolve(DIST, path));
  const gzip = gzipSync(body).length;
  total += gzip;
  console.log(`| \`${path.replace(/^assets\//, "")}\` | ${body.length} | ${gzip} |`);
  if (!args.includes("--sources") && !byFile) continue;
  const sources = [...bytesBySource(path)].sort((a, b) => b[1] - a[1]).slice(0, byFile ? 40 : 12);
  for (const [source, bytes] of sources) console.log(`|   ${source} | ${bytes} | |`);
}
console.log(`| **total** | | **${total}** |`);
