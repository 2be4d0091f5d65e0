/**
 * `npm run bench`: builds the bench pages (bench/dist), runs each scenario against the mock fleet
 * server, prints a table per scenario and writes bench/results/<scenario>.json and
 * bench/results/summary.json. See docs/PERFORMANCE.md for what is measured and the last run.
 */
import { spawnSync } from "node:child_process";
import { HELP, parseBenchArgs, type ScenarioName, UsageError } from "./lib/args";
import { formatTable, ratio, type ScenarioRecord, TARGETS, writeScenario, writeSummary } from "./lib/results";
import type { Scenario } from "./scenarios/context";
import { runServer } from "./scenarios/server";

const SCENARIO_RUNNERS: Record<ScenarioName, () => Promise<Scenario>> = {
  server: async () => runServer,
  history: async () => (await import("./scenarios/history")).runHistory,
  overview: async () => (await import("./scenarios/overview")).runOverview,
  device: async () => (await import("./scenarios/device")).runDevice,
  firehose: async () => (await import("./scenarios/firehose")).runFirehose,
  soak: async () => (await import("./scenarios/soak")).runSoak,
};

function log(message: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

function build(): void {
  // A production build: React development builds leak performance.measure entries. It holds
  // every measured page, ours included (the app with its probe), so dist/ stays free of bench code.
  const args = ["vite", "build", "--config", "bench/vite.config.ts", "--logLevel", "warn"];
  log(`npx ${args.join(" ")}`);
  const result = spawnSync("npx", args, { stdio: "inherit" });
  if (result.status !== 0) throw new Error(`npx ${args.join(" ")} failed with exit code ${result.status}`);
}

const COLUMNS = [
  ["fps_median", "fps"],
  ["frame_p99_ms", "frame p99 ms"],
  ["main_thread_pct", "main %"],
  ["values_per_s", "values/s"],
  ["lost_values", "lost"],
  ["latency_p50_ms", "lat p50 ms"],
  ["latency_p99_ms", "lat p99 ms"],
  ["heap_growth_mb", "heap +MB"],
  ["clients", "clients"],
  ["delivery_p99_ms", "delivery p99 ms"],
  ["kb_per_connection", "KB/conn"],
] as const;

/** The scenario's table: one row per target, then ours/peer ratios. */
export function scenarioTable(record: ScenarioRecord): string {
  const columns = COLUMNS.filter(([key]) => TARGETS.some((t) => record.summary[t]?.[key] != null));
  const rows: (string | number | null | undefined)[][] = [["", ...columns.map(([, label]) => label)]];
  for (const target of TARGETS) {
    const figures = record.summary[target];
    if (figures) rows.push([target, ...columns.map(([key]) => figures[key])]);
  }
  const ours = record.summary.ours;
  for (const peer of ["naive", "uplot"] as const) {
    const figures = record.summary[peer];
    if (ours && figures)
      rows.push([`ours/${peer}`, ...columns.map(([key]) => ratio(ours[key], figures[key]))]);
  }
  return formatTable(rows);
}

async function main(): Promise<number> {
  let options: ReturnType<typeof parseBenchArgs>;
  try {
    options = parseBenchArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`bench: ${error.message}\n\n${HELP}`);
    return 2;
  }
  if (options.help) {
    console.log(HELP);
    return 0;
  }
  const started = performance.now();
  if (!options.skipBuild) build();
  const records: ScenarioRecord[] = [];
  for (const name of options.scenarios) {
    log(`scenario ${name}${options.quick ? " (quick)" : ""}`);
    const record = await (await SCENARIO_RUNNERS[name]())({ options, log });
    records.push(record);
    const file = writeScenario(record);
    console.log(`\n== ${name}${options.quick ? " (quick)" : ""}  -> ${file}\n${scenarioTable(record)}`);
    for (const note of record.notes) console.log(`  note: ${note}`);
    writeSummary(records, options.quick);
  }
  log(`done in ${Math.round((performance.now() - started) / 1000)} s; summary in bench/results/summary.json`);
  return 0;
}

process.exitCode = await main();
