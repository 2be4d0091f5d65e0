import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseMemoryDumps, summarizeAllocators } from "./memoryDump";

// A renderer's dump recorded from Debian's Chromium 156 (a page drawing on a canvas), trimmed to
// its first levels, and the GPU process's totals.
const recorded: unknown[] = JSON.parse(
  readFileSync(new URL("./memoryDump.sample.json", import.meta.url), "utf8"),
);

const bytes = (value: number) => ({ units: "bytes", value: value.toString(16) });

describe("parseMemoryDumps", () => {
  it("merges a process's totals and allocators into one dump", () => {
    const dumps = parseMemoryDumps(recorded);
    expect([...dumps.keys()].sort()).toEqual([26222, 26283]);
    const renderer = dumps.get(26283);
    expect(renderer?.private_footprint_mb).toBe(26.61);
    expect(renderer?.allocators).toMatchObject({
      malloc: 11.71,
      partition_alloc: 0.56,
      v8: 2.9,
      blink_gc: 0.43,
      canvas: 1.83,
    });
    expect(renderer?.details).toMatchObject({
      "malloc/allocated_objects": 10.09,
      "malloc/partitions": 9.8,
      "v8/main": 0.81,
      "v8/shared": 2.08,
      "canvas/ResourceProvider": 1.83,
    });
    const gpu = dumps.get(26222);
    expect(gpu?.private_footprint_mb).toBe(31.63);
    expect(gpu?.allocators).toEqual({});
  });

  it("leaves out containers with no sizes and shared memory segments", () => {
    const renderer = parseMemoryDumps(recorded).get(26283);
    // cc's tile manager and skia's glyph cache carry limits and counts, not sizes.
    expect(renderer?.allocators.cc).toBeUndefined();
    expect(renderer?.allocators.skia).toBeUndefined();
    expect(Object.keys(renderer?.details ?? {}).some((name) => name.startsWith("shared_memory/"))).toBe(
      false,
    );
  });

  it("ignores events that are not memory dumps", () => {
    expect(parseMemoryDumps([{ ph: "M", pid: 1, args: {} }, { ph: "X", pid: 2 }, null]).size).toBe(0);
  });
});

describe("summarizeAllocators", () => {
  it("sums a container's children when it has no size of its own", () => {
    const summary = summarizeAllocators({
      cc: {},
      "cc/tile_memory": { attrs: { size: bytes(3 * 2 ** 20) } },
      "cc/resource_memory": { attrs: { size: bytes(2 ** 20) } },
      "cc/resource_memory/one": { attrs: { size: bytes(2 ** 20) } },
      skia: { attrs: { size: bytes(5 * 2 ** 20) } },
      "skia/sk_resource_cache": { attrs: { size: bytes(4 * 2 ** 20) } },
      discardable: { attrs: { size: { units: "objects", value: "10" } } },
    });
    expect(summary.allocators).toEqual({ cc: 4, skia: 5 });
    expect(summary.details).toEqual({
      "cc/tile_memory": 3,
      "cc/resource_memory": 1,
      "skia/sk_resource_cache": 4,
    });
  });
});
