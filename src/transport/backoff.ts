/** Reconnect delays: exponential from about `minMs` to `maxMs`, with jitter so a fleet of
 * dashboards does not reconnect in lockstep after a server restart. */

export interface BackoffOptions {
  /** Delay before the first retry (ms, before jitter). Default 500. */
  minMs?: number;
  /** Longest delay (ms). Default 10 000. */
  maxMs?: number;
  /** Growth per attempt. Default 2. */
  factor?: number;
}

/** Delay (ms) before retry number `attempt` (1-based): base * [0.8, 1.2), capped at `maxMs`. */
export function backoffDelay(
  attempt: number,
  options: BackoffOptions = {},
  random: () => number = Math.random,
): number {
  const minMs = options.minMs ?? 500;
  const maxMs = options.maxMs ?? 10_000;
  const factor = options.factor ?? 2;
  const base = Math.min(maxMs, minMs * factor ** Math.max(0, attempt - 1));
  return Math.round(Math.min(maxMs, base * (0.8 + 0.4 * random())));
}
