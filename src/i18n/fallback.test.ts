import { afterEach, describe, expect, it, vi } from "vitest";

// Catalogue chunks named here "fail to download" (`<locale>/<part>`); the others load.
const failing = new Set<string>();
vi.mock("./loadCatalog", async (importOriginal) => {
  const real = await importOriginal<typeof import("./loadCatalog")>();
  return {
    loadCatalog: vi.fn(async (locale: "en" | "zh-CN", part: "start" | "pages") => {
      if (failing.has(`${locale}/${part}`))
        throw new TypeError("Failed to fetch dynamically imported module");
      return real.loadCatalog(locale, part);
    }),
  };
});

// A fresh i18n module, bound to the mock (the test setup has loaded the real one).
vi.resetModules();
const { activateWithFallback, currentLocale, loadCatalogPart, t } = await import("./i18n");

describe("a catalogue that cannot be loaded", () => {
  afterEach(() => {
    failing.clear();
    vi.restoreAllMocks();
  });

  it("falls back to English rather than showing message ids", async () => {
    failing.add("zh-CN/start");
    const quiet = vi.spyOn(console, "error").mockImplementation(() => {});
    expect(await activateWithFallback("zh-CN")).toBe("en");
    expect(currentLocale()).toBe("en");
    expect(t("nav.alerts")).toBe("Alerts");
    expect(quiet).toHaveBeenCalledWith("The zh-CN catalogue could not be loaded", expect.any(TypeError));
  });

  it("says it has none when English cannot load either", async () => {
    failing.add("zh-CN/start").add("en/start");
    const quiet = vi.spyOn(console, "error").mockImplementation(() => {});
    expect(await activateWithFallback("zh-CN")).toBeUndefined();
    expect(quiet).toHaveBeenCalledTimes(2);
  });

  it("shows a page in English when its part cannot be loaded in the active language", async () => {
    expect(await activateWithFallback("zh-CN")).toBe("zh-CN");
    failing.add("zh-CN/pages");
    const quiet = vi.spyOn(console, "error").mockImplementation(() => {});
    await loadCatalogPart("pages");
    expect(t("nav.alerts")).toBe("告警");
    expect(t("threshold.sideLow")).toBe("low");
    expect(quiet).toHaveBeenCalledWith(
      "The zh-CN catalogue (pages) could not be loaded",
      expect.any(TypeError),
    );
  });
});

describe("a page's part that cannot be loaded at all", () => {
  it("rejects, and loads on the next attempt", async () => {
    vi.resetModules();
    const i18n = await import("./i18n");
    expect(await i18n.activateWithFallback("en")).toBe("en");
    failing.add("en/pages");
    await expect(i18n.loadCatalogPart("pages")).rejects.toThrow("Failed to fetch");
    expect(i18n.t("threshold.sideLow")).toBe("threshold.sideLow");
    failing.clear();
    await i18n.loadCatalogPart("pages");
    expect(i18n.t("threshold.sideLow")).toBe("low");
  });
});
