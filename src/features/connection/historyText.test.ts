import { describe, expect, it } from "vitest";
import { historyHealth, webhookHealth } from "./historyText";

const now = Date.UTC(2026, 10, 29, 12, 0, 0);

describe("webhookHealth", () => {
  it("says failures, give-ups and the backlog in words", () => {
    const failing = {
      urls: 2,
      delivered: 4,
      failedAttempts: 3,
      expired: 1,
      pending: 5,
      lastFailureAt: now - 30_000,
    };
    expect(webhookHealth(failing, now)).toMatch(
      /^2 URLs: 4 delivered, 3 failed attempts \(last .*\), 1 given up after 10 min of retries, 5 waiting$/,
    );
    const fine = { urls: 1, delivered: 9, failedAttempts: 0, expired: 0, pending: 0, lastFailureAt: null };
    expect(webhookHealth(fine, now)).toBe("1 URL: 9 delivered, no failures");
    expect(webhookHealth(undefined, now)).toMatch(/^none configured/);
  });
});

describe("historyHealth", () => {
  it("says when the server is too old to tell, or keeps history in memory only", () => {
    expect(historyHealth(undefined, now)).toBe("not reported by this server (older than v1.2)");
    expect(historyHealth({ durable: false, api: "/api/history" }, now)).toMatch(/^memory only/);
  });

  it("says an unreachable store in words, with what waits and what was lost", () => {
    const line = historyHealth(
      {
        durable: true,
        api: "/api/history",
        status: { up: false, since: now - 90_000, bufferedBytes: 3 * 1024 ** 2, samplesDropped: 12 },
      },
      now,
    );
    expect(line).toMatch(
      /^durable store unreachable since .*: live data continues, 3\.0 MB waiting on the server/,
    );
    expect(line).toContain("12 samples could not be kept");
  });

  it("says a healthy store with nothing waiting plainly", () => {
    const line = historyHealth(
      {
        durable: true,
        api: "/api/history",
        status: { up: true, since: now - 5000, bufferedBytes: 0, samplesDropped: 0 },
      },
      now,
    );
    expect(line).toMatch(/^durable store, writing since /);
    expect(line).not.toContain("waited");
    expect(line).not.toContain("could not be kept");
  });
});
