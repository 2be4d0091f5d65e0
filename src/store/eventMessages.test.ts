import { afterAll, describe, expect, it } from "vitest";
import { activateLocale, loadCatalogPart } from "../i18n/i18n";
import type { ConnectionState } from "./dashboardTypes";
import { connectionEvent, gapEvent, historyStatusEvent } from "./eventMessages";

describe("gapEvent", () => {
  it("says how many samples and how long, at the device's rate", () => {
    expect(gapEvent("t1", "Attic thermostat", 101, 700, 10)).toEqual({
      kind: "device",
      level: "warning",
      device: "t1",
      message: "Attic thermostat: lost 600 samples (about 60 s), no longer held by the server",
    });
    expect(gapEvent("t1", "A", 5, 5, 50).message).toBe(
      "A: lost 1 sample (about 20 ms), no longer held by the server",
    );
    expect(gapEvent("t1", "A", 1, 25, 10).message).toContain("(about 2.5 s)");
    expect(gapEvent("t1", "A", 1, 3, undefined).message).toBe(
      "A: lost 3 samples, no longer held by the server",
    );
  });
});

describe("historyStatusEvent", () => {
  const up = { up: true, since: 1, bufferedBytes: 0, samplesDropped: 0 };
  it("logs the store going away and coming back, once each", () => {
    const down = { ...up, up: false, since: 2, bufferedBytes: 4096 };
    expect(historyStatusEvent(up, down)).toMatchObject({ level: "error", code: "history_unavailable" });
    expect(historyStatusEvent(down, { ...down, bufferedBytes: 8192 })).toBeUndefined();
    expect(historyStatusEvent(down, { ...up, since: 3 })).toMatchObject({
      level: "info",
      message: "The history store is back: waiting samples are being written",
    });
  });

  it("logs samples dropped for good, with how many", () => {
    const event = historyStatusEvent(
      { ...up, up: false, samplesDropped: 5 },
      { ...up, up: false, samplesDropped: 12 },
    );
    expect(event).toMatchObject({ level: "error", code: "history_dropped" });
    expect(event?.message).toContain("7 samples could not be kept");
  });
});

describe("in Simplified Chinese", () => {
  afterAll(async () => {
    await activateLocale("en");
    await loadCatalogPart("pages");
  });

  it("writes the log's lines from the zh-CN catalogue, plurals and numbers included", async () => {
    await activateLocale("zh-CN");
    expect(gapEvent("t1", "阁楼温控器", 101, 700, 10).message).toBe(
      "阁楼温控器：丢失 600 个采样（约 60 秒），服务器已不再保存",
    );
    const live = connectionEvent(
      { status: "reconnecting" } as ConnectionState,
      { status: "live" } as ConnectionState,
    );
    expect(live?.message).toBe("已连接：实时数据");
    const closed = connectionEvent({ status: "live" } as ConnectionState, {
      status: "unauthorized",
      reason: "session ended",
    });
    expect(closed?.message).toBe("未授权：会话已结束");
  });
});
