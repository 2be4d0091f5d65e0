import { describe, expect, it, vi } from "vitest";
import { ChunkLoadError, chunkLoader } from "./chunkLoader";

describe("chunkLoader", () => {
  it("imports once and shares the result", async () => {
    const importer = vi.fn(async () => ({ View: "view" }));
    const chunk = chunkLoader(importer);
    expect(chunk.loaded()).toBeUndefined();
    const [first, second] = await Promise.all([chunk.load(), chunk.load()]);
    expect(first).toBe(second);
    expect(chunk.loaded()).toEqual({ View: "view" });
    await chunk.load();
    expect(importer).toHaveBeenCalledTimes(1);
  });

  it("reports a failed import as a ChunkLoadError and imports again on the next load", async () => {
    const failure = new TypeError("Failed to fetch dynamically imported module: /assets/DeviceView-x.js");
    const importer = vi.fn().mockRejectedValueOnce(failure).mockResolvedValueOnce({ View: "view" });
    const chunk = chunkLoader(importer);
    const error = await chunk.load().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ChunkLoadError);
    expect((error as ChunkLoadError).message).toBe(failure.message);
    expect((error as ChunkLoadError).cause).toBe(failure);
    expect(chunk.loaded()).toBeUndefined();
    await expect(chunk.load()).resolves.toEqual({ View: "view" });
    expect(importer).toHaveBeenCalledTimes(2);
  });

  it("prefetch swallows a failure and leaves the retry to load", async () => {
    const importer = vi.fn().mockRejectedValueOnce(new Error("offline")).mockResolvedValueOnce("module");
    const chunk = chunkLoader(importer);
    chunk.prefetch();
    expect(importer).toHaveBeenCalledTimes(1);
    // Until the rejected prefetch has settled (its handlers are queued microtasks), load returns it:
    // retry until a load starts afresh. The failure must not surface as an unhandled rejection.
    await expect(vi.waitFor(() => chunk.load())).resolves.toBe("module");
    expect(importer).toHaveBeenCalledTimes(2);
  });
});
