/**
 * Per-connection message rate limit: a token bucket refilled at `perSecond`, with a burst of
 * twice that (a client resending its outbox after a reconnect is not a flood). Messages over the
 * limit are refused; a client that keeps going past `perSecond` refusals within a 5 s window is
 * flooding and should be disconnected.
 */
const WINDOW_MS = 5000;

/** `ok`: handle it; `limited`: refuse it with `rate_limited`; `flood`: close with 1008. */
export type RateVerdict = "ok" | "limited" | "flood";

/** Token-bucket limiter of one connection. */
export class RateLimiter {
  private tokens: number;
  private refilledAt: number;
  private refusals = 0;
  private windowStart: number;

  constructor(
    private readonly perSecond: number,
    now: number,
  ) {
    this.tokens = perSecond * 2;
    this.refilledAt = now;
    this.windowStart = now;
  }

  /** Accounts one incoming message at `now`. */
  take(now: number): RateVerdict {
    const burst = this.perSecond * 2;
    // A clock that steps back (a device's own timestamps) refills nothing rather than draining.
    const elapsed = Math.max(0, now - this.refilledAt);
    this.tokens = Math.min(burst, this.tokens + (elapsed * this.perSecond) / 1000);
    this.refilledAt = Math.max(this.refilledAt, now);
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return "ok";
    }
    if (now - this.windowStart > WINDOW_MS) {
      this.windowStart = now;
      this.refusals = 0;
    }
    this.refusals++;
    return this.refusals > this.perSecond ? "flood" : "limited";
  }
}
