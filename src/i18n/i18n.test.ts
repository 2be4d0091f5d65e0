// @vitest-environment jsdom
import { afterAll, describe, expect, it } from "vitest";
import { errorText } from "./errors";
import { formatNumber, formatTimeOfDay } from "./format";
import { activateLocale, currentLocale, t } from "./i18n";

afterAll(() => activateLocale("en"));

describe("i18n", () => {
  it("speaks English with English plurals", async () => {
    await activateLocale("en");
    expect(document.documentElement.lang).toBe("en");
    expect(t("nav.alerts")).toBe("Alerts");
    expect(t("connection.reconnected", { count: 1 })).toBe("reconnected, 1 sample recovered");
    expect(t("connection.reconnected", { count: 3 })).toBe("reconnected, 3 samples recovered");
  });

  it("speaks Simplified Chinese once activated, and sets <html lang>", async () => {
    await activateLocale("zh-CN");
    expect(currentLocale()).toBe("zh-CN");
    expect(document.documentElement.lang).toBe("zh-CN");
    expect(t("nav.alerts")).toBe("告警");
    expect(t("connection.reconnected", { count: 3 })).toBe("已重新连接，恢复了 3 个采样");
  });

  it("translates a server error by its code, and keeps the server's words for an unknown one", async () => {
    await activateLocale("zh-CN");
    expect(errorText("device_offline", "device is offline")).toBe("设备离线。");
    expect(errorText("brand_new_code", "Something new happened")).toBe("Something new happened");
    expect(errorText(undefined, "No code")).toBe("No code");
    await activateLocale("en");
    expect(errorText("forbidden", "needs operator")).toBe("Your role does not allow this.");
  });

  it("formats numbers and times with Intl in the active locale", async () => {
    await activateLocale("en");
    expect(formatNumber(12345.6, { maximumFractionDigits: 1 })).toBe("12,345.6");
    const at = new Date(2026, 10, 29, 14, 3, 7).getTime();
    expect(formatTimeOfDay(at)).toBe("14:03:07");
    await activateLocale("zh-CN");
    expect(formatNumber(12345.6, { style: "percent" })).toBe("1,234,560%");
    expect(formatTimeOfDay(at)).toBe("14:03:07");
  });
});
