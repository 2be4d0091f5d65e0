import { describe, expect, it } from "vitest";
import { parsePrometheus, serverFlags } from "./serverProcess";

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
