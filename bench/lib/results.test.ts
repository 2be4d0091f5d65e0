import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  emptyFigures,
  formatTable,
  ratio,
  type ScenarioRecord,
  writeScenario,
  writeSummary,
} from "./results";

describe("results", () => {
  it("writes the scenario file and the summary in the agreed shape", () => {
    const dir = mkdtempSync(join(tmpdir(), "bench-results-"));
    const record: ScenarioRecord = {
      scenario: "overview",
      date: "2025-01-01T00:00:00.000Z",
      machine: "test",
      quick: true,
      summary: { ours: { ...emptyFigures(), fps_median: 60 } },
      detail: {},
      notes: [],
    };
    writeScenario(record, dir);
    writeSummary([record], true, dir);
    const summary = JSON.parse(readFileSync(join(dir, "summary.json"), "utf8"));
    expect(Object.keys(summary)).toEqual(["date", "machine", "quick", "scenarios"]);
    expect(summary.quick).toBe(true);
    expect(summary.scenarios.overview.ours).toEqual({
      fps_median: 60,
      frame_p99_ms: null,
      main_thread_pct: null,
      values_per_s: null,
      lost_values: null,
      latency_p50_ms: null,
      latency_p99_ms: null,
      heap_growth_mb: null,
    });
    expect(JSON.parse(readFileSync(join(dir, "overview.json"), "utf8")).summary.ours.fps_median).toBe(60);
  });

  it("aligns a table and shows missing cells as -", () => {
    expect(
      formatTable([
        ["a", "bb"],
        ["ccc", null],
      ]),
    ).toBe("a    bb\nccc   -");
  });

  it("computes ratios only when both sides exist", () => {
    expect(ratio(60, 30)).toBe(2);
    expect(ratio(60, 0)).toBeNull();
    expect(ratio(null, 3)).toBeNull();
  });
});
