import { afterEach, describe, expect, it, vi } from "vitest";

afterEach(() => vi.restoreAllMocks());

describe("t before a language is active", () => {
  it("answers the id instead of throwing, and says so once", async () => {
    // A fresh instance of the module: the test setup activated the shared one.
    vi.resetModules();
    const { activateLocale, t } = await import("./i18n");
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    expect(t("nav.alerts")).toBe("nav.alerts");
    expect(t("nav.fleet")).toBe("nav.fleet");
    expect(errors).toHaveBeenCalledTimes(1);
    expect(errors).toHaveBeenCalledWith("Translation asked before a language was active: nav.alerts");
    await activateLocale("en");
    expect(t("nav.alerts")).toBe("Alerts");
  });
});
