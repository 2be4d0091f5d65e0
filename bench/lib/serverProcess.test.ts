import { describe, expect, it } from "vitest";
import { parseHistogram, parsePrometheus, serverFlags, tickLagBetween } from "./serverProcess";

describe("serverFlags", () => {
  it("passes devices, rate, tick and static dir", () => {
    expect(serverFlags({ devices: 1000, rate: 10, tickMs: 50, staticDir: "dist" })).toEqual([
      "--port",
      "0",
      "--seed",
      "42",
      "--devices",
      "1000",
      "--rate",
      "10",
      "--tick",
      "50",
      "--static",
      "dist",
    ]);
  });

  it("writes a fleet spec to a file instead of --devices and --rate", () => {
    const flags = serverFlags({ fleet: { thermostat: 2 }, devices: 9, rate: 5 });
    expect(flags).toContain("--fleet");
    expect(flags).not.toContain("--devices");
    expect(flags).not.toContain("--rate");
  });
});

describe("parsePrometheus", () => {
  it("sums a metric over its labels and skips comments", () => {
    const text = [
      "# HELP fleet_values_sent_total values sent",
      "# TYPE fleet_values_sent_total counter",
      'fleet_values_sent_total{kind="meter"} 10',
      'fleet_values_sent_total{kind="vehicle"} 32',
      "nodejs_eventloop_lag_p99_seconds 0.012",
    ].join("\n");
    const metrics = parsePrometheus(text);
    expect(metrics.get("fleet_values_sent_total")).toBe(42);
    expect(metrics.get("nodejs_eventloop_lag_p99_seconds")).toBe(0.012);
  });
});

describe("tick lag", () => {
  const reading = (b1: number, b2: number, inf: number, sum: number) =>
    [
      `fleet_tick_lag_seconds_bucket{le="0.001"} ${b1}`,
      `fleet_tick_lag_seconds_bucket{le="0.05"} ${b2}`,
      `fleet_tick_lag_seconds_bucket{le="+Inf"} ${inf}`,
      `fleet_tick_lag_seconds_sum ${sum}`,
      `fleet_tick_lag_seconds_count ${inf}`,
    ].join("\n");

  it("parses the histogram and diffs two readings", () => {
    const before = parseHistogram(reading(10, 10, 10, 0.005), "fleet_tick_lag_seconds");
    const after = parseHistogram(reading(10, 109, 110, 1.005), "fleet_tick_lag_seconds");
    expect(after?.buckets[2]?.[0]).toBe(Number.POSITIVE_INFINITY);
    const none = { skippedFrames: null, framesOut: null, bytesOut: null, samples: null };
    const lag = tickLagBetween({ ...none, tickLag: before }, { ...none, tickLag: after });
    expect(lag.mean_ms).toBeCloseTo(10, 6);
    expect(lag.p99_ms).toBe(50);
  });
});
