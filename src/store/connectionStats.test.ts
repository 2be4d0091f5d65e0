import { describe, expect, it } from "vitest";
import { ConnectionStatsCollector } from "./connectionStats";

describe("ConnectionStatsCollector", () => {
  it("reports per-second rates, reconnects, time to connect and recovered samples", () => {
    let clock = 1_000;
    const stats = new ConnectionStatsCollector(() => clock);
    stats.down();
    clock += 300;
    stats.live(false);
    stats.snapshot();
    stats.frame(1000);
    stats.frame(3000);
    stats.samples(10, 30, false);
    clock += 2000;
    expect(stats.snapshot()).toMatchObject({
      messagesPerSecond: 1,
      bytesPerSecond: 2000,
      valuesPerSecond: 15,
      reconnects: 0,
      meanTimeToConnectMs: 300,
      liveSince: 1_300,
      totalBytes: 4000,
    });
    stats.down();
    clock += 500;
    stats.live(true);
    stats.samples(40, 120, true);
    stats.gap();
    stats.rtt(12);
    clock += 1000;
    expect(stats.snapshot()).toMatchObject({
      reconnects: 1,
      meanTimeToConnectMs: 400,
      replayedSamples: 40,
      recoveredOnLastReconnect: 40,
      gaps: 1,
      rttMs: 12,
      messagesPerSecond: 0,
    });
  });
});
