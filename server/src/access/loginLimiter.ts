/**
 * Sign-in attempts allowed (docs/SECURITY.md): 5 failures per user name and 20 per client address
 * in any 15 minutes; past that `POST /api/login` answers 429 with Retry-After until the oldest
 * counted failure leaves the window. Counted in this server's memory: a restart forgets, and
 * servers sharing PostgreSQL each count their own.
 */

export const LOGIN_LIMITS = { perName: 5, perAddress: 20, windowMs: 15 * 60_000 } as const;
/** Names and addresses tracked at once; past this the least recently failed are forgotten. */
export const MAX_TRACKED_KEYS = 10_000;

class FailureLog {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Ms until `key` may try again, or 0. */
  wait(key: string, now: number): number {
    const times = this.recent(key, now);
    if (times.length < this.limit) return 0;
    return (times[times.length - this.limit] as number) + this.windowMs - now;
  }

  add(key: string, now: number): void {
    const times = this.recent(key, now);
    times.push(now);
    // Only the last `limit` failures decide; delete and re-set keeps the map in failure order.
    this.failures.delete(key);
    this.failures.set(key, times.slice(-this.limit));
    if (this.failures.size > MAX_TRACKED_KEYS) {
      const oldest = this.failures.keys().next().value as string;
      this.failures.delete(oldest);
    }
  }

  clear(key: string): void {
    this.failures.delete(key);
  }

  private recent(key: string, now: number): number[] {
    return (this.failures.get(key) ?? []).filter((at) => at > now - this.windowMs);
  }
}

/** Counts failed sign-ins per user name and per address. */
export class LoginLimiter {
  private readonly names = new FailureLog(LOGIN_LIMITS.perName, LOGIN_LIMITS.windowMs);
  private readonly addresses = new FailureLog(LOGIN_LIMITS.perAddress, LOGIN_LIMITS.windowMs);

  /** Whole seconds to wait before trying `name` from `address` again, or 0 when it may try now. */
  retryAfter(name: string, address: string, now: number): number {
    const wait = Math.max(this.names.wait(name, now), this.addresses.wait(address, now));
    return wait > 0 ? Math.ceil(wait / 1000) : 0;
  }

  failed(name: string, address: string, now: number): void {
    this.names.add(name, now);
    this.addresses.add(address, now);
  }

  /** A correct password clears the name's failures (not the address's). */
  succeeded(name: string): void {
    this.names.clear(name);
  }
}
