import { describe, expect, it } from "vitest";
import { matchLocale, pickLocale } from "./locales";

describe("pickLocale", () => {
  it("prefers the remembered choice over the browser's languages", () => {
    expect(pickLocale("en", ["zh-CN"])).toBe("en");
    expect(pickLocale("zh-CN", ["en-US"])).toBe("zh-CN");
  });

  it("takes the first browser language it speaks", () => {
    expect(pickLocale(null, ["fr-FR", "zh-CN", "en"])).toBe("zh-CN");
    expect(pickLocale(null, ["en-GB", "zh-CN"])).toBe("en");
    expect(pickLocale("klingon", ["zh"])).toBe("zh-CN");
  });

  it("falls back to English", () => {
    expect(pickLocale(null, ["fr", "de"])).toBe("en");
    expect(pickLocale(undefined, [])).toBe("en");
  });

  it("does not show Simplified Chinese for Traditional", () => {
    expect(matchLocale("zh-Hans-CN")).toBe("zh-CN");
    expect(matchLocale("zh-TW")).toBeUndefined();
    expect(matchLocale("zh-Hant")).toBeUndefined();
  });
});
