import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { dirBytes, storeGauges, waitForIdle } from "./storeServer";

describe("dirBytes", () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("adds up every file, nested ones included, as written and as allocated", () => {
    dir = mkdtempSync(join(tmpdir(), "dir-bytes-"));
    mkdirSync(join(dir, "inner"));
    writeFileSync(join(dir, "a"), Buffer.alloc(10_000, 1));
    writeFileSync(join(dir, "inner", "b"), Buffer.alloc(123, 1));
    const bytes = dirBytes(dir);
    expect(bytes.apparent).toBe(10_123);
    expect(bytes.files).toBe(2);
    // Whole filesystem blocks: at least what was written, at most a few blocks more.
    expect(bytes.allocated).toBeGreaterThanOrEqual(10_123);
    expect(bytes.allocated).toBeLessThan(10_123 + 3 * 65_536);
  });
});

describe("storeGauges", () => {
  it("reads the store's gauges and its bytes per tier", () => {
    const text = [
      "# TYPE fleet_store_values_written gauge",
      "fleet_store_values_written 31104096",
      "fleet_store_samples_dropped 0",
      "fleet_store_buffered_bytes 1114",
      'fleet_store_bytes{tier="raw"} 0',
      'fleet_store_bytes{tier="1m"} 2883584',
      'fleet_store_bytes{tier="total"} 56098816',
    ].join("\n");
    expect(storeGauges(text)).toEqual({
      valuesWritten: 31_104_096,
      samplesDropped: 0,
      bufferedBytes: 1114,
      bytes: { raw: 0, "1m": 2_883_584, total: 56_098_816 },
    });
  });

  it("is null where the server has no store", () => {
    expect(storeGauges("fleet_devices_online 4\n")).toEqual({
      valuesWritten: null,
      samplesDropped: null,
      bufferedBytes: null,
      bytes: {},
    });
  });
});

describe("waitForIdle", () => {
  const children: Array<ReturnType<typeof spawn>> = [];
  afterEach(() => {
    for (const child of children.splice(0)) child.kill("SIGKILL");
  });
  const start = (code: string) => {
    const child = spawn(process.execPath, ["-e", code], { stdio: "ignore" });
    children.push(child);
    return child.pid as number;
  };

  it("resolves once a process is idle, and null while it stays busy", async () => {
    const idle = start("setInterval(() => {}, 60_000)");
    expect(await waitForIdle(idle, { windowMs: 300, belowPct: 15, maxMs: 5_000 })).not.toBeNull();
    const busy = start("for (;;) {}");
    expect(await waitForIdle(busy, { windowMs: 300, belowPct: 0.01, maxMs: 1_000 })).toBeNull();
    expect(await waitForIdle(2 ** 22 + 1, { windowMs: 10 })).toBeNull();
  });
});
