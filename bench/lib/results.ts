/**
 * What a run records: per-scenario files (bench/results/<scenario>.json) with every measured
 * figure, and bench/results/summary.json in the shape other tools compare runs by.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join } from "node:path";
import type { ScenarioName } from "./args";

/** The dashboards measured: ours and the two peers. */
export const TARGETS = ["ours", "naive", "uplot"] as const;
export type Target = (typeof TARGETS)[number];

/** One row of summary.json. A figure the scenario does not measure is null. */
export interface SummaryFigures {
  fps_median: number | null;
  frame_p99_ms: number | null;
  main_thread_pct: number | null;
  values_per_s: number | null;
  lost_values: number | null;
  latency_p50_ms: number | null;
  latency_p99_ms: number | null;
  heap_growth_mb: number | null;
  clients?: number | null;
  delivery_p99_ms?: number | null;
  kb_per_connection?: number | null;
}

export interface Summary {
  date: string;
  machine: string;
  quick: boolean;
  scenarios: Partial<Record<ScenarioName, Partial<Record<Target, SummaryFigures>>>>;
}

/** A scenario's full record: its summary rows plus whatever detail it measured. */
export interface ScenarioRecord {
  scenario: ScenarioName;
  date: string;
  machine: string;
  quick: boolean;
  summary: Partial<Record<Target, SummaryFigures>>;
  detail: unknown;
  /** Why a figure is missing, or what limited it. */
  notes: string[];
}

export const RESULTS_DIR = "bench/results";

/** An all-null summary row, to fill in. */
export function emptyFigures(): SummaryFigures {
  return {
    fps_median: null,
    frame_p99_ms: null,
    main_thread_pct: null,
    values_per_s: null,
    lost_values: null,
    latency_p50_ms: null,
    latency_p99_ms: null,
    heap_growth_mb: null,
  };
}

/** "2 x Intel(R) Xeon(R) Processor, 24 GB, linux x64, Node v20.20.0" */
export function describeMachine(): string {
  const list = cpus();
  const model = list[0]?.model.trim() ?? "unknown CPU";
  const memory = Math.round(totalmem() / 2 ** 30);
  return `${list.length} x ${model}, ${memory} GB, ${process.platform} ${process.arch}, Node ${process.version}`;
}

export function writeScenario(record: ScenarioRecord, dir = RESULTS_DIR): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${record.scenario}.json`);
  writeFileSync(file, `${JSON.stringify(record, null, 2)}\n`);
  return file;
}

export function writeSummary(records: ScenarioRecord[], quick: boolean, dir = RESULTS_DIR): string {
  const summary: Summary = {
    date: new Date().toISOString(),
    machine: describeMachine(),
    quick,
    scenarios: {},
  };
  for (const record of records) summary.scenarios[record.scenario] = record.summary;
  mkdirSync(dir, { recursive: true });
  const file = join(dir, "summary.json");
  writeFileSync(file, `${JSON.stringify(summary, null, 2)}\n`);
  return file;
}

/** Formats rows as an aligned text table (first row = header). */
export function formatTable(rows: (string | number | null | undefined)[][]): string {
  const cells = rows.map((row) =>
    row.map((cell) => (cell === null || cell === undefined ? "-" : String(cell))),
  );
  const widths: number[] = [];
  for (const row of cells) {
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, cell.length);
    });
  }
  return cells
    .map((row) =>
      row
        .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
        .join("  "),
    )
    .join("\n");
}

/** ours / peer, or null when either is missing or the peer is 0. */
export function ratio(ours: number | null | undefined, peer: number | null | undefined): number | null {
  if (ours === null || ours === undefined || peer === null || peer === undefined || peer === 0) return null;
  return Math.round((ours / peer) * 100) / 100;
}
