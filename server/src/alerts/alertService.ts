/**
 * The gateway's alerting: the rules (stored, plus the defaults the devices declare), the engine
 * that evaluates every sample, the log that keeps transitions, and the changes dashboards hear
 * about. The gateway calls `engine.onSample` for every appended sample, `deviceAdded`/`setOffline`
 * on fleet news and `endTick` after each tick; the API calls the rule and alert methods.
 */
import { randomUUID } from "node:crypto";
import { encodeMessage } from "../../../src/protocol/index";
import type { AlertAck, AlertInfo, AlertRule } from "../../../src/protocol/messages";
import type { AlertMetrics } from "../metrics";
import type { AckResult, AlertFilter, AlertLog, StoredAlert, StoredRule } from "./alertLog";
import { AlertEngine, type EngineDevice, type Transition } from "./engine";
import { defaultRules, parseRule, type RuleDevice, RuleError, rulesFor } from "./rules";

/** How often devices are checked for staleness, and rules in a shared store re-read, ms. */
const STALE_CHECK_MS = 1000;
const RULES_REFRESH_MS = 1000;
/**
 * With a shared store, a rule change opens alerts only from samples this much later, so every
 * server (each re-reads rules every second) opens the same alert at the same sample.
 */
export const RULE_DELAY_MS = 3000;

/** A device as the service sees it. */
export type ServiceDevice = EngineDevice & RuleDevice;

export interface AlertServiceOptions {
  log: AlertLog;
  devices(): readonly ServiceDevice[];
  /** Sends an encoded `alerts` message to every ready client. */
  /** The encoded `alerts` frame, and the alerts it carries (so listeners need not parse it). */
  broadcast(json: string, changed: readonly AlertInfo[]): void;
  metrics: AlertMetrics;
  now(): number;
}

export class AlertService {
  readonly engine: AlertEngine;
  private stored: StoredRule[] = [];
  private defaults: AlertRule[] = [];
  private readonly kinds = new Set<string>();
  private changes: AlertInfo[] = [];
  private readonly timers: NodeJS.Timeout[] = [];
  /** Open alerts from the log whose device has not joined yet (the fleet fills after start). */
  private readonly unclaimed = new Map<string, StoredAlert[]>();
  /** Bumped by every local rule change, so a refresh read before it does not undo it. */
  private rulesVersion = 0;

  private constructor(private readonly options: AlertServiceOptions) {
    this.engine = new AlertEngine((transition) => this.transition(transition));
  }

  /** Loads the stored rules, covers every device and resumes the alerts a previous run left open. */
  static async start(options: AlertServiceOptions): Promise<AlertService> {
    const service = new AlertService(options);
    service.stored = await options.log.rules();
    service.engine.clock = options.now();
    for (const device of options.devices()) service.deviceAdded(device);
    service.adopt(await options.log.openAlerts());
    service.changes = [];
    service.timers.push(setInterval(() => service.checkStale(), STALE_CHECK_MS));
    if (options.log.shared)
      service.timers.push(setInterval(() => void service.refreshRules().catch(() => {}), RULES_REFRESH_MS));
    return service;
  }

  private transition(transition: Transition): void {
    const { log, metrics } = this.options;
    if (!log.record(transition)) metrics.dropped.inc({ reason: "queue_full" });
    metrics.transitions.inc({ state: transition.state });
    this.changes.push(transition.alert);
  }

  /**
   * Resumes alerts kept open in the log (by a previous run, or another server) that no track
   * holds; those of devices not in the fleet yet wait for them to join.
   */
  private adopt(open: readonly StoredAlert[]): void {
    const byId = new Map(this.options.devices().map((device) => [device.id, device]));
    for (const stored of open) {
      const device = byId.get(stored.alert.device);
      if (device) this.engine.adopt(device, stored);
      else
        this.unclaimed.set(stored.alert.device, [...(this.unclaimed.get(stored.alert.device) ?? []), stored]);
    }
  }

  private applying(device: ServiceDevice): AlertRule[] {
    const stored = this.stored.map((entry) => entry.rule);
    return rulesFor(device, stored, this.defaults);
  }

  private readonly activeFrom = (rule: AlertRule): number =>
    this.stored.find((entry) => entry.rule.id === rule.id)?.activeFrom ?? 0;

  /** Covers a device that joined: its defaults, if its kind is new, and its rules. */
  deviceAdded(device: ServiceDevice): void {
    if (!this.kinds.has(device.kind)) {
      this.kinds.add(device.kind);
      const known = new Set(this.defaults.map((rule) => rule.id));
      for (const rule of defaultRules([device])) if (!known.has(rule.id)) this.defaults.push(rule);
    }
    this.engine.assign(device, this.applying(device), this.activeFrom);
    for (const stored of this.unclaimed.get(device.id) ?? []) this.engine.adopt(device, stored);
    this.unclaimed.delete(device.id);
  }

  /** The device went offline: its alerts go `no_data` (sent to dashboards at the tick's end). */
  setOffline(device: ServiceDevice, at: number): void {
    this.engine.setOffline(device, at);
  }

  /** Sends the transitions since the last call to dashboards, as one `alerts` message. */
  endTick(): void {
    if (this.changes.length === 0) return;
    const alerts = this.changes;
    this.changes = [];
    this.options.broadcast(encodeMessage({ type: "alerts", alerts }), alerts);
  }

  /** The `alerts` message sent after `welcome`: every alert not resolved. */
  snapshot(): string {
    return encodeMessage({ type: "alerts", alerts: this.engine.open(), snapshot: true });
  }

  private checkStale(): void {
    const now = this.options.now();
    this.engine.clock = now;
    this.engine.checkStale(now);
    this.endTick();
  }

  private reassign(): void {
    this.engine.clock = this.options.now();
    for (const device of this.options.devices())
      this.engine.assign(device, this.applying(device), this.activeFrom);
    this.endTick();
  }

  /** Picks up rules another server sharing the store changed, and the alerts it opened. */
  private async refreshRules(): Promise<void> {
    const version = this.rulesVersion;
    const [rules, open] = await Promise.all([this.options.log.rules(), this.options.log.openAlerts()]);
    if (version !== this.rulesVersion) return;
    if (JSON.stringify(rules) !== JSON.stringify(this.stored)) {
      this.stored = rules;
      this.reassign();
    }
    this.adopt(open);
  }

  /** Stored rules, then the defaults no stored rule on the same kind and metric replaces. */
  rules(): AlertRule[] {
    const stored = this.stored.map((entry) => entry.rule);
    const covered = new Set(
      stored.flatMap((rule) => ("kind" in rule.scope ? [`${rule.scope.kind}.${rule.metric}`] : [])),
    );
    const defaults = this.defaults.filter(
      (rule) => !covered.has(`${(rule.scope as { kind: string }).kind}.${rule.metric}`),
    );
    return [...stored, ...defaults];
  }

  /** Creates (`id` undefined) or replaces a rule; throws `RuleError` on bad input. */
  async saveRule(body: unknown, id?: string): Promise<AlertRule> {
    const rule = parseRule(body, id ?? randomUUID(), this.options.devices());
    const activeFrom = this.options.log.shared ? this.options.now() + RULE_DELAY_MS : 0;
    this.rulesVersion++;
    await this.options.log.saveRule({ rule, activeFrom });
    this.rulesVersion++;
    this.stored = [...this.stored.filter((entry) => entry.rule.id !== rule.id), { rule, activeFrom }].sort(
      (a, b) => (a.rule.id < b.rule.id ? -1 : 1),
    );
    this.reassign();
    return rule;
  }

  /** True when a stored rule `id` existed; its alerts are resolved. */
  async deleteRule(id: string): Promise<boolean> {
    if (!this.stored.some((entry) => entry.rule.id === id)) {
      if (this.defaults.some((rule) => rule.id === id))
        throw new RuleError(`id: "${id}" is a default rule; PUT it with "enabled": false to silence it`);
      return false;
    }
    this.rulesVersion++;
    const deleted = await this.options.log.deleteRule(id);
    this.rulesVersion++;
    this.stored = this.stored.filter((entry) => entry.rule.id !== id);
    this.reassign();
    return deleted;
  }

  alerts(filter: AlertFilter): Promise<AlertInfo[]> {
    return this.options.log.alerts(filter);
  }

  /** Acknowledges firing alert `id`: kept, notified and broadcast as an `acknowledged` transition. */
  async acknowledge(id: string, by: string, comment: string): Promise<AckResult> {
    const ack: AlertAck = { by, at: this.options.now(), comment };
    const result = await this.options.log.acknowledge(id, ack);
    if (typeof result === "string") return result;
    const track = this.engine.find(id);
    if (track?.alert) track.alert.acknowledged = ack;
    const rule = track?.rule ?? this.rules().find((candidate) => candidate.id === result.rule);
    this.transition({
      event: randomUUID(),
      state: "acknowledged",
      at: ack.at,
      alert: result,
      rule: rule ?? ({ id: result.rule } as AlertRule),
      startedAt: track?.startedAt ?? 0,
      fired: true,
      steps: 0,
    });
    this.endTick();
    return result;
  }

  async close(): Promise<void> {
    for (const timer of this.timers) clearInterval(timer);
    await this.options.log.close();
  }
}
