import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { findChromium } from "./chromium";

const saved = process.env.CHROMIUM_PATH;
afterEach(() => {
  if (saved === undefined) delete process.env.CHROMIUM_PATH;
  else process.env.CHROMIUM_PATH = saved;
});

describe("findChromium", () => {
  it("prefers CHROMIUM_PATH when it names an existing file", () => {
    const fake = join(mkdtempSync(join(tmpdir(), "chromium-")), "chrome");
    writeFileSync(fake, "");
    process.env.CHROMIUM_PATH = fake;
    expect(findChromium()).toEqual({ path: fake, source: "CHROMIUM_PATH" });
  });

  it("ignores a CHROMIUM_PATH that does not exist and looks further", () => {
    process.env.CHROMIUM_PATH = "/nonexistent/chromium";
    expect(findChromium()?.path).not.toBe("/nonexistent/chromium");
  });
});
