/**
 * Where alert rules and alert transitions are kept: the interface, and the in-memory log of a
 * gateway without a store (sqlAlertLog.ts keeps them in the history store's database). Both keep
 * the same three things: rules, the current view of each alert (`alerts`), and the append-only
 * transitions, which are also the webhook queue (`claim` / `delivered`).
 */
import type { AlertAck, AlertInfo, AlertRule, AlertState } from "../../../src/protocol/messages";
import type { Transition } from "./engine";

/** What `GET /api/alerts` asks: alerts alive at some time in `[from, to)`. */
export interface AlertFilter {
  states: readonly AlertState[] | undefined;
  device: string | undefined;
  from: number;
  to: number;
  limit: number;
}

/** An alert as kept, with what a restarted engine resumes it from. */
export interface StoredAlert {
  alert: AlertInfo;
  startedAt: number;
  fired: boolean;
  /** Transitions so far. */
  steps: number;
}

/** A stored rule and the sample time from which its current version may open alerts. */
export interface StoredRule {
  rule: AlertRule;
  activeFrom: number;
}

/** The answer of `acknowledge`: the alert acknowledged, or why not. */
export type AckResult = AlertInfo | "not_found" | "not_firing";

/** Rules, alerts and transitions, kept in memory or in the store's database. */
export interface AlertLog {
  /**
   * True when several servers may share it (PostgreSQL): a rule change then takes effect a moment
   * later (`RULE_DELAY_MS`), at the same sample on every server.
   */
  readonly shared: boolean;
  rules(): Promise<StoredRule[]>;
  saveRule(rule: StoredRule): Promise<void>;
  /** False when there was no such rule. */
  deleteRule(id: string): Promise<boolean>;
  /** Queues a transition (never blocks); false when the bounded queue is full and it was dropped. */
  record(transition: Transition): boolean;
  /** Resolves once everything recorded so far is kept. */
  flush(): Promise<void>;
  alerts(filter: AlertFilter): Promise<AlertInfo[]>;
  /** Alerts not resolved, for a restarted engine. */
  openAlerts(): Promise<StoredAlert[]>;
  acknowledge(id: string, ack: AlertAck): Promise<AckResult>;
  /** Takes up to `limit` transitions not yet notified nor claimed (or whose claim lapsed) for `owner`. */
  claim(owner: string, limit: number, now: number): Promise<Transition[]>;
  /** Marks transitions notified (delivered, or given up on), so no server sends them again. */
  delivered(events: readonly string[], now: number): Promise<void>;
  /** Keeps `owner`'s claims alive while it retries them. */
  renew(owner: string, now: number): Promise<void>;
  /** Transitions dropped because the queue was full. */
  readonly dropped: number;
  close(): Promise<void>;
}

/** Transitions kept in memory, and alerts resolved longer ago than the newest this many. */
const MEMORY_EVENTS = 100_000;
const MEMORY_RESOLVED = 10_000;
/** Transitions waiting for a webhook in a gateway without a store. */
export const NOTIFY_QUEUE = 10_000;

/** Whether `stored` overlaps `[from, to)` and matches the filter. */
export function matches(stored: StoredAlert & { endedAt?: number }, filter: AlertFilter): boolean {
  const { alert } = stored;
  if (filter.device !== undefined && alert.device !== filter.device) return false;
  if (filter.states && !filter.states.includes(alert.state)) return false;
  return stored.startedAt < filter.to && (stored.endedAt === undefined || stored.endedAt >= filter.from);
}

/** The log of a gateway without a store: gone at restart, bounded in size. */
export class MemoryAlertLog implements AlertLog {
  private readonly ruleMap = new Map<string, StoredRule>();
  readonly shared = false;
  private readonly byId = new Map<string, StoredAlert & { endedAt?: number }>();
  private readonly events: Transition[] = [];
  private queue: Transition[] = [];
  dropped = 0;

  constructor(private readonly notifying: boolean) {}

  async rules(): Promise<StoredRule[]> {
    return [...this.ruleMap.values()];
  }

  async saveRule(stored: StoredRule): Promise<void> {
    this.ruleMap.set(stored.rule.id, stored);
  }

  async deleteRule(id: string): Promise<boolean> {
    return this.ruleMap.delete(id);
  }

  record(transition: Transition): boolean {
    this.events.push(transition);
    if (this.events.length > MEMORY_EVENTS) this.events.shift();
    const { alert } = transition;
    const before = this.byId.get(alert.id);
    if (transition.state === "acknowledged") {
      if (before) before.alert.acknowledged = alert.acknowledged;
      return this.queueForWebhooks(transition);
    }
    const acknowledged = before?.alert.acknowledged ?? alert.acknowledged;
    this.byId.delete(alert.id);
    this.byId.set(alert.id, {
      alert: { ...alert, acknowledged },
      startedAt: transition.startedAt,
      fired: transition.fired,
      steps: transition.steps,
      ...(alert.state === "resolved" ? { endedAt: transition.at } : {}),
    });
    if (this.byId.size > MEMORY_RESOLVED) this.forgetResolved();
    return this.queueForWebhooks(transition);
  }

  private queueForWebhooks(transition: Transition): boolean {
    if (!this.notifying) return true;
    if (this.queue.length >= NOTIFY_QUEUE) {
      this.dropped++;
      return false;
    }
    this.queue.push(transition);
    return true;
  }

  private forgetResolved(): void {
    for (const [id, stored] of this.byId) {
      if (this.byId.size <= MEMORY_RESOLVED) return;
      if (stored.alert.state === "resolved") this.byId.delete(id);
    }
  }

  async flush(): Promise<void> {}

  async alerts(filter: AlertFilter): Promise<AlertInfo[]> {
    const found = [...this.byId.values()].filter((stored) => matches(stored, filter));
    return found
      .map((stored) => ({ ...stored.alert }))
      .sort((a, b) => b.since - a.since)
      .slice(0, filter.limit);
  }

  async openAlerts(): Promise<StoredAlert[]> {
    return [...this.byId.values()].filter((stored) => stored.alert.state !== "resolved");
  }

  async acknowledge(id: string, ack: AlertAck): Promise<AckResult> {
    const stored = this.byId.get(id);
    if (!stored) return "not_found";
    if (stored.alert.state !== "firing") return "not_firing";
    stored.alert.acknowledged = ack;
    return { ...stored.alert };
  }

  async claim(_owner: string, limit: number): Promise<Transition[]> {
    return this.queue.splice(0, limit);
  }

  async delivered(): Promise<void> {}

  async renew(): Promise<void> {}

  async close(): Promise<void> {}
}
