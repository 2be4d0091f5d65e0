import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { compileMessage } from "@lingui/message-utils/compileMessage";
import { describe, expect, it } from "vitest";
import { ERROR_CODES, LOG_CODES } from "../protocol/constants";
import en from "./catalogs/en.json";
import zh from "./catalogs/zh-CN.json";

const CATALOGS: Record<string, Record<string, string>> = { en, "zh-CN": zh };
const SRC = join(import.meta.dirname, "..");

/**
 * The argument names a message uses (`{count}`, `{count, plural, ...}`). Compiled, a message is a
 * list of parts: a string, or an argument `[name, type?, branches?]` whose branches are messages.
 */
function argumentsOf(text: string): string[] {
  const names = new Set<string>();
  const walk = (parts: unknown[]): void => {
    for (const part of parts) {
      if (!Array.isArray(part) || typeof part[0] !== "string") continue;
      names.add(part[0]);
      const branches = part[2];
      if (branches && typeof branches === "object") {
        for (const branch of Object.values(branches)) if (Array.isArray(branch)) walk(branch);
      }
    }
  };
  walk(compileMessage(text));
  names.delete("#");
  return [...names].sort();
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

/** Every literal message id passed to `t(...)` in src/, with the file it is in. */
function usedIds(): { id: string; file: string }[] {
  return sourceFiles(SRC).flatMap((file) => {
    const text = readFileSync(file, "utf8");
    return [...text.matchAll(/\bt\(\s*"([^"]+)"/g)].map((m) => ({ id: m[1]!, file }));
  });
}

/**
 * Words a component writes outside `t(...)`: JSX text (`<p>No events yet.</p>`, or a sentence on a
 * line of its own between tags) and the text of `aria-label`, `title`, `placeholder`, `alt` and
 * `label` attributes.
 */
const LITERAL_TEXT = [
  />[^<>{}=]*[A-Za-z]{2,}[^<>{}]*<\//,
  /(aria-label|title|placeholder|alt|label)="[^"]*[A-Za-z]{2,}/,
  /^\s+[A-Z][a-z]+( [A-Za-z'’,]+)+[.!?…]?$/,
];

function literalText(text: string): string[] {
  return text.split("\n").filter((line) => LITERAL_TEXT.some((pattern) => pattern.test(line)));
}

describe("catalogues", () => {
  it("have the same message ids in every language", () => {
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
  });

  it("hold an id for every message the code asks for, in every language", () => {
    const used = usedIds();
    expect(used.length).toBeGreaterThan(20);
    for (const [locale, catalog] of Object.entries(CATALOGS)) {
      const missing = used.filter(({ id }) => !(id in catalog)).map(({ id, file }) => `${id} (${file})`);
      expect(missing, `missing from ${locale}`).toEqual([]);
    }
  });

  it("compile as ICU messages with the same placeholders in every language", () => {
    for (const [id, text] of Object.entries(en)) {
      expect(argumentsOf(zh[id as keyof typeof zh]), id).toEqual(argumentsOf(text));
    }
  });

  it("translate every message into Chinese rather than copying the English", () => {
    const untranslated = Object.entries(zh).filter(
      ([, text]) => !/[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef]/.test(text),
    );
    expect(untranslated).toEqual([]);
  });

  it("have words for every protocol error code", () => {
    for (const code of ERROR_CODES) expect(en, code).toHaveProperty([`errors.${code}`]);
  });

  it("have words for every logbook line code, in every language (v1.6)", () => {
    for (const [locale, catalog] of Object.entries(CATALOGS))
      for (const code of LOG_CODES) expect(catalog, `${locale} ${code}`).toHaveProperty([`log.${code}`]);
  });

  it("hold every word a component shows: no English text in JSX outside t(...)", () => {
    const found = sourceFiles(SRC)
      .filter((file) => file.endsWith(".tsx"))
      .flatMap((file) => literalText(readFileSync(file, "utf8")).map((line) => `${file}: ${line.trim()}`));
    expect(found).toEqual([]);
    expect(
      literalText(
        '<p className="muted">No events yet.</p>\n  <b aria-label="Close">\n    Load older events\n',
      ),
    ).toHaveLength(3);
  });

  it("finds a missing id (the check can fail)", () => {
    expect(argumentsOf("{count, plural, one {# device} other {# devices}} on {kind}")).toEqual([
      "count",
      "kind",
    ]);
    expect("no.such.id" in en).toBe(false);
  });
});
