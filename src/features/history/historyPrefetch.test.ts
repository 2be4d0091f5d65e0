import { afterEach, describe, expect, it, vi } from "vitest";
import { readHistoryResponse } from "./historyClient";
import { estimatedPoints, prefetchHistory, takePrefetched } from "./historyPrefetch";

const REQUEST = { api: "/api/history", device: "d", from: 0, to: 10, points: 700, span: "w86400000" };

afterEach(() => {
  vi.unstubAllGlobals();
  takePrefetched("d", "w86400000", 700, 0);
});

describe("history prefetch", () => {
  it("is adopted once, for the same device and span at about the same width", async () => {
    const fetched = vi.fn(
      async () => new Response("{}", { status: 503, headers: { "content-type": "application/json" } }),
    );
    vi.stubGlobal("fetch", fetched);
    prefetchHistory(REQUEST, 1000);
    expect(fetched).toHaveBeenCalledTimes(1);
    expect(takePrefetched("other", "w86400000", 700, 1000)).toBeUndefined();
    expect(takePrefetched("d", "w3600000", 700, 1000)).toBeUndefined();
    expect(takePrefetched("d", "w86400000", 300, 1000)).toBeUndefined();
    expect(takePrefetched("d", "w86400000", 700, 20_000)).toBeUndefined();
    const response = takePrefetched("d", "w86400000", 800, 2000);
    if (!response) throw new Error("not adopted");
    await expect(readHistoryResponse(response)).rejects.toThrow("the store cannot be reached");
    expect(takePrefetched("d", "w86400000", 800, 2000)).toBeUndefined();
  });

  it("estimates the chart width from the viewport", () => {
    expect(estimatedPoints(1280)).toBe(700);
    expect(estimatedPoints(320)).toBe(200);
  });
});
