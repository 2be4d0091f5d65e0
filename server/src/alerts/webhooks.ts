/**
 * Webhook notifications (docs/ALERTS.md): transitions are claimed from the alert log (so with
 * several servers on one PostgreSQL each is claimed by one), grouped per rule and state for
 * `groupMs` (as Alertmanager's group_wait: a storm of 500 thermostats becomes one POST per URL),
 * POSTed as JSON signed with HMAC-SHA256 when a secret is set, and retried with exponential
 * backoff for up to 10 minutes. Nothing here runs on the ingest path: the engine only queues.
 */
import { createHmac } from "node:crypto";
import type { AlertInfo, AlertRule } from "../../../src/protocol/messages";
import type { AlertMetrics } from "../metrics";
import type { AlertLog } from "./alertLog";
import { stableId, type Transition } from "./engine";

/** Transitions held (grouping or retrying) at most; more wait in the log (or, in memory, are dropped). */
export const MAX_HELD = 10_000;
/** Alerts in one POST at most; a bigger group is split. */
export const MAX_GROUP = 1000;
/** Give up on a POST this long after its first attempt. */
export const RETRY_WINDOW_MS = 600_000;
/** Backoff: 1 s, doubling, at most 60 s between attempts. */
const FIRST_RETRY_MS = 1000;
const MAX_RETRY_MS = 60_000;
const TIMEOUT_MS = 10_000;
const POLL_MS = 250;
const RENEW_MS = 30_000;

/** The JSON body of one POST. */
export interface WebhookPayload {
  /** Unique per POST and the same on every retry of it: a receiver drops repeats by it. */
  event: string;
  state: Transition["state"];
  at: number;
  /** The first alert of the group, and its rule. */
  alert: AlertInfo;
  rule: AlertRule;
  /** Every alert of the group (transitions of one rule to one state within `groupMs`), oldest first. */
  alerts: AlertInfo[];
  /** The transitions' own event ids, for receivers that deduplicate per transition. */
  events: string[];
}

/** `sha256=<hex>`: the HMAC-SHA256 of the body with the secret, as in `X-Fleet-Signature`. */
export function sign(secret: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
}

export interface WebhookOptions {
  urls: readonly string[];
  secret: string | undefined;
  log: AlertLog;
  /** This server's id, written on the transitions it claims. */
  owner: string;
  metrics: AlertMetrics;
  now(): number;
  groupMs?: number;
}

interface Group {
  key: string;
  opened: number;
  transitions: Transition[];
}

interface Delivery {
  url: string;
  body: string;
  event: string;
  firstAttempt: number;
  attempts: number;
  nextAt: number;
  busy: boolean;
  done: boolean;
  expired: boolean;
}

export class WebhookNotifier {
  /** What the Health page shows (`webhookStatus`); counts since start. */
  readonly counts = { delivered: 0, failedAttempts: 0, expired: 0, lastFailureAt: null as number | null };
  private readonly groups = new Map<string, Group>();
  private readonly sending: { deliveries: Delivery[]; events: string[] }[] = [];
  private held = 0;
  private claiming = false;
  private readonly timers: NodeJS.Timeout[];

  constructor(private readonly options: WebhookOptions) {
    this.timers = [
      setInterval(() => this.turn(), POLL_MS),
      setInterval(() => void options.log.renew(options.owner, options.now()).catch(() => {}), RENEW_MS),
    ];
  }

  private turn(): void {
    void this.claim();
    const now = this.options.now();
    for (const group of this.groups.values())
      if (now - group.opened >= (this.options.groupMs ?? 1000)) this.seal(group, now);
    for (const batch of this.sending) for (const delivery of batch.deliveries) this.attempt(delivery, now);
    void this.settle(now);
  }

  private async claim(): Promise<void> {
    if (this.claiming || this.held >= MAX_HELD) return;
    this.claiming = true;
    try {
      const { log, owner, now } = this.options;
      const claimed = await log.claim(owner, Math.min(500, MAX_HELD - this.held), now());
      this.held += claimed.length;
      for (const transition of claimed) {
        const key = `${transition.rule.id}\n${transition.state}`;
        let group = this.groups.get(key);
        if (!group || group.transitions.length >= MAX_GROUP) {
          if (group) this.seal(group, now());
          group = { key, opened: now(), transitions: [] };
          this.groups.set(key, group);
        }
        group.transitions.push(transition);
      }
    } catch {
      // The store is down: claim again next turn.
    } finally {
      this.claiming = false;
    }
  }

  private seal(group: Group, now: number): void {
    this.groups.delete(group.key);
    const [first] = group.transitions as [Transition];
    const events = group.transitions.map((transition) => transition.event);
    const payload: WebhookPayload = {
      event: events.length === 1 ? first.event : stableId(...events),
      state: first.state,
      at: first.at,
      alert: first.alert,
      rule: first.rule,
      alerts: group.transitions.map((transition) => transition.alert),
      events,
    };
    const body = JSON.stringify(payload);
    const deliveries = this.options.urls.map((url) => ({
      url,
      body,
      event: payload.event,
      firstAttempt: now,
      attempts: 0,
      nextAt: now,
      busy: false,
      done: false,
      expired: false,
    }));
    this.sending.push({ deliveries, events });
  }

  private attempt(delivery: Delivery, now: number): void {
    if (delivery.done || delivery.busy || now < delivery.nextAt) return;
    delivery.busy = true;
    delivery.attempts++;
    const headers: Record<string, string> = {
      "content-type": "application/json",
      "user-agent": "fleet-gateway-webhook",
      "x-fleet-event": delivery.event,
    };
    if (this.options.secret) headers["x-fleet-signature"] = sign(this.options.secret, delivery.body);
    fetch(delivery.url, {
      method: "POST",
      headers,
      body: delivery.body,
      signal: AbortSignal.timeout(TIMEOUT_MS),
    })
      .then(async (response) => {
        await response.body?.cancel().catch(() => {});
        return response.ok;
      })
      .catch(() => false)
      .then((ok) => {
        delivery.busy = false;
        this.options.metrics.deliveries.inc({ result: ok ? "ok" : "failed" });
        const at = this.options.now();
        if (ok) this.counts.delivered++;
        else {
          this.counts.failedAttempts++;
          this.counts.lastFailureAt = at;
        }
        const wait = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** (delivery.attempts - 1));
        if (ok) delivery.done = true;
        else if (at + wait - delivery.firstAttempt > RETRY_WINDOW_MS) delivery.done = delivery.expired = true;
        else delivery.nextAt = at + wait;
      });
  }

  /** Marks batches whose every delivery is done as notified, so no server sends them again. */
  private async settle(now: number): Promise<void> {
    const finished = this.sending.filter((batch) => batch.deliveries.every((delivery) => delivery.done));
    if (finished.length === 0) return;
    for (const batch of finished) this.sending.splice(this.sending.indexOf(batch), 1);
    const events = finished.flatMap((batch) => batch.events);
    for (const batch of finished)
      if (batch.deliveries.some((delivery) => delivery.expired)) {
        this.options.metrics.dropped.inc({ reason: "expired" }, batch.events.length);
        this.counts.expired += batch.events.length;
      }
    this.held -= events.length;
    await this.options.log.delivered(events, now).catch(() => {});
  }

  /** Transitions held for grouping or (re)delivery right now. */
  get pending(): number {
    return this.held;
  }

  close(): void {
    for (const timer of this.timers) clearInterval(timer);
  }
}
