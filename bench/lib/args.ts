/** The benchmark's command line: `npm run bench -- [--quick] [--minutes N] [--scenario a,b]`. */
import { parseArgs } from "node:util";
import { TARGETS, type Target } from "./results";

/** Every scenario, in the order a run executes them. */
export const SCENARIOS = ["server", "history", "overview", "device", "firehose", "soak"] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

export interface BenchOptions {
  quick: boolean;
  /** Dashboards to measure (default: ours and both peers). */
  targets: Target[];
  /** Visible minutes of the `soak` scenario (the hidden phase is half of it). */
  soakMinutes: number;
  scenarios: ScenarioName[];
  /** Record a Chrome trace of every measured browser window (bench/results/*.trace.json). */
  trace: boolean;
  /** Reuse bench/dist/ as it is (for iterating on the harness). */
  skipBuild: boolean;
  /** Windows per dashboard in the page scenarios (overview, device), dashboards alternated. */
  rounds: number;
  help: boolean;
}

/** Most rounds `--rounds` takes (a device round is about 2.5 minutes for ours and uPlot). */
export const MAX_ROUNDS = 9;

export const HELP = `Usage: npm run bench -- [flags]

  --quick             run every scenario briefly (a smoke check, under 3 minutes)
  --minutes N         visible minutes of the soak scenario (default 10; quick 0.2)
  --scenario a[,b]    run only these: ${SCENARIOS.join(", ")}
  --target a[,b]      measure only these dashboards: ${TARGETS.join(", ")}
  --trace             record a Chrome trace of each measured window (open in DevTools
                      Performance panel): bench/results/<scenario>-<dashboard>.trace.json
  --skip-build        reuse bench/dist/ (every measured page) as it is
  --rounds N          overview and device: measure each dashboard N times (1 to ${MAX_ROUNDS}),
                      alternating, and report each one's median main-thread window
  --help              show this help

Results: bench/results/<scenario>.json and bench/results/summary.json.`;

/** Thrown for a bad command line; `message` is what the user sees. */
export class UsageError extends Error {}

function isScenario(name: string): name is ScenarioName {
  return (SCENARIOS as readonly string[]).includes(name);
}

/** Parses argv (without node and script). Throws UsageError with an exact message. */
export function parseBenchArgs(argv: string[]): BenchOptions {
  let values: {
    quick?: boolean;
    minutes?: string;
    scenario?: string;
    target?: string;
    trace?: boolean;
    "skip-build"?: boolean;
    rounds?: string;
    help?: boolean;
  };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        quick: { type: "boolean" },
        minutes: { type: "string" },
        scenario: { type: "string" },
        target: { type: "string" },
        trace: { type: "boolean" },
        "skip-build": { type: "boolean" },
        rounds: { type: "string" },
        help: { type: "boolean" },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const quick = values.quick ?? false;
  let soakMinutes = quick ? 0.2 : 10;
  if (values.minutes !== undefined) {
    const minutes = Number(values.minutes);
    if (values.minutes.trim() === "" || !Number.isFinite(minutes) || minutes <= 0 || minutes > 24 * 60) {
      throw new UsageError(`--minutes must be a number above 0 and at most 1440, got "${values.minutes}"`);
    }
    soakMinutes = minutes;
  }
  let rounds = 1;
  if (values.rounds !== undefined) {
    rounds = Number(values.rounds);
    if (!/^\d+$/.test(values.rounds.trim()) || rounds < 1 || rounds > MAX_ROUNDS) {
      throw new UsageError(`--rounds must be a whole number from 1 to ${MAX_ROUNDS}, got "${values.rounds}"`);
    }
  }
  let scenarios: ScenarioName[] = [...SCENARIOS];
  if (values.scenario !== undefined) {
    const names = values.scenario.split(",").map((name) => name.trim());
    const unknown = names.filter((name) => !isScenario(name));
    if (unknown.length > 0 || names.length === 0) {
      throw new UsageError(
        `--scenario: unknown scenario "${unknown[0] ?? ""}"; expected one or more of ${SCENARIOS.join(", ")}`,
      );
    }
    scenarios = SCENARIOS.filter((name) => names.includes(name));
  }
  let targets: Target[] = [...TARGETS];
  if (values.target !== undefined) {
    const names = values.target.split(",").map((name) => name.trim());
    const unknown = names.find((name) => !(TARGETS as readonly string[]).includes(name));
    if (unknown !== undefined) {
      throw new UsageError(
        `--target: unknown dashboard "${unknown}"; expected one or more of ${TARGETS.join(", ")}`,
      );
    }
    targets = TARGETS.filter((name) => names.includes(name));
  }
  return {
    quick,
    targets,
    soakMinutes,
    scenarios,
    trace: values.trace ?? false,
    skipBuild: values["skip-build"] ?? false,
    rounds,
    help: values.help ?? false,
  };
}
