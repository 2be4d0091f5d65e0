/**
 * Counts what the connection carries and turns it into the live statistics shown to operators.
 * Counting is a few additions per frame; `snapshot()` (about once per second) divides by the
 * elapsed time, so rates are per second over the last snapshot interval.
 */
import type { ConnectionStats } from "./dashboardTypes";

export class ConnectionStatsCollector {
  private messages = 0;
  private bytes = 0;
  private values = 0;
  private totalMessages = 0;
  private totalBytes = 0;
  private replayed = 0;
  private gaps = 0;
  private recovered = 0;
  private reconnects = 0;
  private connectTimes = 0;
  private connectTotalMs = 0;
  private rttMs: number | undefined;
  private liveSince: number | undefined;
  private downSince: number | undefined;
  private lastSnapshot: number;

  constructor(private readonly now: () => number = Date.now) {
    this.lastSnapshot = now();
  }

  /** A connection attempt sequence began (start, or the live link dropped). */
  down(): void {
    this.liveSince = undefined;
    this.downSince ??= this.now();
  }

  /** `welcome` arrived. */
  live(reconnect: boolean): void {
    const at = this.now();
    if (this.downSince !== undefined) {
      this.connectTimes++;
      this.connectTotalMs += at - this.downSince;
    }
    this.downSince = undefined;
    this.liveSince = at;
    if (reconnect) {
      this.reconnects++;
      this.recovered = 0;
    }
  }

  frame(size: number): void {
    this.messages++;
    this.bytes += size;
  }

  samples(sampleCount: number, valueCount: number, replay: boolean): void {
    this.values += valueCount;
    if (replay) {
      this.replayed += sampleCount;
      this.recovered += sampleCount;
    }
  }

  gap(): void {
    this.gaps++;
  }

  rtt(ms: number): void {
    this.rttMs = ms;
  }

  /** Current statistics; rates cover the time since the previous snapshot. */
  snapshot(): ConnectionStats {
    const at = this.now();
    const seconds = Math.max(0.001, (at - this.lastSnapshot) / 1000);
    this.lastSnapshot = at;
    this.totalMessages += this.messages;
    this.totalBytes += this.bytes;
    const stats: ConnectionStats = {
      messagesPerSecond: this.messages / seconds,
      valuesPerSecond: this.values / seconds,
      bytesPerSecond: this.bytes / seconds,
      reconnects: this.reconnects,
      replayedSamples: this.replayed,
      gaps: this.gaps,
      recoveredOnLastReconnect: this.recovered,
      totalMessages: this.totalMessages,
      totalBytes: this.totalBytes,
      ...(this.rttMs === undefined ? {} : { rttMs: this.rttMs }),
      ...(this.connectTimes === 0 ? {} : { meanTimeToConnectMs: this.connectTotalMs / this.connectTimes }),
      ...(this.liveSince === undefined ? {} : { liveSince: this.liveSince }),
    };
    this.messages = 0;
    this.bytes = 0;
    this.values = 0;
    return stats;
  }
}
