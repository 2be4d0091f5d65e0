/**
 * Keeps the server's subscriptions equal to what the views need. Views register device lists
 * per owner (`watch`); the union is subscribed. On every `live` the whole union is subscribed
 * again on the fresh connection (with `resume` cursors where samples of this session are held,
 * `history` otherwise, and on a v1.2 server `after` cursors where older samples are held);
 * between reconnects only differences are sent. Each device is subscribed
 * at most once per connection, however often views re-register.
 */
import type { ClientMessage } from "../protocol/messages";

export interface SubscriptionTransport {
  readonly live: boolean;
  send(message: ClientMessage): boolean;
}

export interface SubscriptionPlan {
  /** `resume` cursors (last seq held) for the devices that have samples of the current session. */
  resumeCursors(deviceIds: readonly string[]): Record<string, number>;
  /**
   * v1.2 `after` cursors (time of the newest sample held) for devices without a `resume` cursor;
   * empty against older servers. The server replays what is newer, even after a restart.
   */
  afterCursors?(deviceIds: readonly string[]): Record<string, number>;
  /** Seconds of history to ask for devices without a `resume` cursor (`after` wins over it). */
  historySeconds: number;
  /** Whether the server's fleet has this device (unknown ids are not sent). */
  isKnown(deviceId: string): boolean;
}

export class SubscriptionSync {
  private readonly owners = new Map<string, ReadonlySet<string>>();
  private readonly subscribed = new Set<string>();
  private syncQueued = false;
  private requestCount = 0;

  constructor(
    private readonly transport: SubscriptionTransport,
    private readonly plan: SubscriptionPlan,
  ) {}

  /** Sets `owner`'s device list (replacing its previous one); returns a function removing it. */
  watch(owner: string, deviceIds: readonly string[]): () => void {
    const ids = new Set(deviceIds);
    this.owners.set(owner, ids);
    this.queueSync();
    return () => {
      if (this.owners.get(owner) !== ids) return;
      this.owners.delete(owner);
      this.queueSync();
    };
  }

  /** The union of every owner's devices. */
  wanted(): Set<string> {
    const union = new Set<string>();
    for (const ids of this.owners.values()) for (const id of ids) union.add(id);
    return union;
  }

  /** Devices subscribed on the current connection. */
  get current(): ReadonlySet<string> {
    return this.subscribed;
  }

  /** A new connection is live: nothing is subscribed on it yet. */
  onLive(): void {
    this.subscribed.clear();
    this.sync();
  }

  /** The connection went down: its subscriptions died with it. */
  onDown(): void {
    this.subscribed.clear();
  }

  /** Sends the differences now (normally batched to the end of the current task). */
  sync(): void {
    this.syncQueued = false;
    if (!this.transport.live) return;
    const wanted = this.wanted();
    const removed = [...this.subscribed].filter((id) => !wanted.has(id));
    const added = [...wanted].filter((id) => !this.subscribed.has(id) && this.plan.isKnown(id));
    if (
      removed.length > 0 &&
      this.transport.send({ type: "unsubscribe", id: this.nextId("unsub"), devices: removed })
    ) {
      for (const id of removed) this.subscribed.delete(id);
    }
    if (added.length === 0) return;
    const resume = this.plan.resumeCursors(added);
    const unresumed = added.filter((id) => resume[id] === undefined);
    const after = unresumed.length > 0 ? (this.plan.afterCursors?.(unresumed) ?? {}) : {};
    // The message before v1.2 plus `after`: `history` stays for any device without a cursor.
    const message: ClientMessage = {
      type: "subscribe",
      id: this.nextId("sub"),
      devices: added,
      ...(unresumed.length > 0 ? { history: this.plan.historySeconds } : {}),
      ...(Object.keys(resume).length > 0 ? { resume } : {}),
      ...(Object.keys(after).length > 0 ? { after } : {}),
    };
    if (this.transport.send(message)) for (const id of added) this.subscribed.add(id);
  }

  private queueSync(): void {
    if (this.syncQueued) return;
    this.syncQueued = true;
    // Views register in bursts (every card of the overview in one render): send one message.
    queueMicrotask(() => this.sync());
  }

  private nextId(prefix: string): string {
    return `${prefix}-${++this.requestCount}`;
  }
}
