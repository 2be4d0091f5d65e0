/**
 * Keeps bad broker input away from dashboards without stopping anyone else: every refused
 * message or sample is counted in `/metrics` by reason, logged once per device and reason, and
 * each device's telemetry is rate-limited so a flood on one topic costs only that device.
 */
import { Counter, Gauge, type Registry } from "prom-client";
import { RateLimiter } from "../../rateLimiter";
import type { Rejection } from "./validate";

/** Distinct (device, reason) pairs logged; past this, new ones are counted but not logged. */
const MAX_LOGGED = 10_000;
/** Samples per second a device may send: twice its declared rate, and never less than this. */
const MIN_SAMPLES_PER_SECOND = 20;
/** Info, status and state messages per second a device may send (each may reach dashboards). */
const CONTROL_PER_SECOND = 10;

/** The MQTT counters of one server. */
export interface MqttMetrics {
  messages: Counter<"channel">;
  rejected: Counter<"reason">;
  connected: Gauge;
}

/** Registers the MQTT metrics in the server's registry. */
export function createMqttMetrics(registry: Registry): MqttMetrics {
  const registers = [registry];
  return {
    messages: new Counter({
      name: "fleet_mqtt_messages_total",
      help: "Messages received from the broker, by channel (info, status, telemetry, state, response)",
      labelNames: ["channel"],
      registers,
    }),
    rejected: new Counter({
      name: "fleet_mqtt_rejected_total",
      help: "Broker messages (telemetry: samples) refused, by reason; they never reach dashboards",
      labelNames: ["reason"],
      registers,
    }),
    connected: new Gauge({
      name: "fleet_mqtt_connected",
      help: "1 while the fleet source is connected to its broker, else 0",
      registers,
    }),
  };
}

/** Counts, logs once, and rate-limits broker input per device. */
export class InputGuard {
  private readonly logged = new Set<string>();
  private readonly limiters = new Map<string, RateLimiter>();
  private readonly controlLimiters = new Map<string, RateLimiter>();

  constructor(
    private readonly metrics: MqttMetrics,
    private readonly log: (line: string) => void,
  ) {}

  /** Refuses `count` messages or samples of `device` (a topic when there is no device). */
  reject(device: string, rejection: Rejection, count = 1): void {
    this.metrics.rejected.inc({ reason: rejection.reason }, count);
    const key = `${device}\u0000${rejection.reason}`;
    if (this.logged.has(key) || this.logged.size >= MAX_LOGGED) return;
    this.logged.add(key);
    this.log(
      `mqtt: ignoring input from ${device}: ${rejection.reason}: ${rejection.detail} (counted in fleet_mqtt_rejected_total; logged once per device and reason)`,
    );
  }

  /** Takes one sample of `device`'s budget at `now`; false when it is over its rate. */
  allowSample(device: string, rate: number, now: number): boolean {
    let limiter = this.limiters.get(device);
    if (!limiter) {
      limiter = new RateLimiter(Math.max(MIN_SAMPLES_PER_SECOND, Math.ceil(rate * 2)), now);
      this.limiters.set(device, limiter);
    }
    return limiter.take(now) === "ok";
  }

  /** Takes one info/status/state message of a known `device`; false when it is flooding. */
  allowControl(device: string, now: number): boolean {
    let limiter = this.controlLimiters.get(device);
    if (!limiter) {
      limiter = new RateLimiter(CONTROL_PER_SECOND, now);
      this.controlLimiters.set(device, limiter);
    }
    if (limiter.take(now) === "ok") return true;
    this.reject(device, {
      reason: "flood",
      detail: `over ${CONTROL_PER_SECOND} info/status/state messages per second`,
    });
    return false;
  }
}
