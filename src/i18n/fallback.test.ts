import { afterEach, describe, expect, it, vi } from "vitest";

// The zh-CN chunk "fails to download"; English still loads.
vi.mock("./loadCatalog", async (importOriginal) => {
  const real = await importOriginal<typeof import("./loadCatalog")>();
  return {
    loadCatalog: vi.fn(async (locale: string) => {
      if (locale === "zh-CN" || failEnglish)
        throw new TypeError("Failed to fetch dynamically imported module");
      return real.loadCatalog("en");
    }),
  };
});
let failEnglish = false;

const { activateWithFallback, currentLocale, t } = await import("./i18n");

describe("a catalogue that cannot be loaded", () => {
  afterEach(() => {
    failEnglish = false;
  });

  it("falls back to English rather than showing message ids", async () => {
    const quiet = vi.spyOn(console, "error").mockImplementation(() => {});
    expect(await activateWithFallback("zh-CN")).toBe("en");
    expect(currentLocale()).toBe("en");
    expect(t("threshold.sideLow")).toBe("low");
    expect(quiet).toHaveBeenCalledWith("The zh-CN catalogue could not be loaded", expect.any(TypeError));
    quiet.mockRestore();
  });

  it("says it has none when English cannot load either", async () => {
    failEnglish = true;
    const quiet = vi.spyOn(console, "error").mockImplementation(() => {});
    expect(await activateWithFallback("zh-CN")).toBeUndefined();
    expect(quiet).toHaveBeenCalledTimes(2);
    quiet.mockRestore();
  });
});
