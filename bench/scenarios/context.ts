/** What every scenario gets from the runner, and what it gives back. */
import type { BenchOptions } from "../lib/args";
import type { ScenarioRecord } from "../lib/results";

export interface ScenarioContext {
  options: BenchOptions;
  /** Progress line on stderr (tables go to stdout). */
  log(message: string): void;
}

export type Scenario = (context: ScenarioContext) => Promise<ScenarioRecord>;

/** Resolves after `ms`: the benchmark's measurement windows are wall-clock by definition. */
export function measureFor(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}
