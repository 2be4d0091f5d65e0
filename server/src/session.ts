/**
 * One WebSocket connection speaking protocol v1: authentication (a session cookie at the upgrade,
 * or an `auth` message first), the role check of every message, request handling, the per-
 * connection rate limit, live data delivery with the slow-client policy, and heartbeats.
 * About 380 lines, kept whole: every part reads and writes the same per-connection state
 * (authenticated, outbox, subscriptions, buffer cap), and the subscription and replay logic
 * already lives in subscriptions.ts, the shared frames in latestFeed.ts, the fleet and fanout.ts.
 */
import type { Duplex } from "node:stream";
import type WebSocket from "ws";
import {
  CLOSE_CODES,
  type ClientMessage,
  type ErrorCode,
  encodeMessage,
  encodeWelcome,
  type HistoryCapability,
  MAX_ID_LENGTH,
  parseClientMessage,
  type ServerMessage,
  type SourceStatus,
  type SubscribeMessage,
  type UnsubscribeMessage,
} from "../../src/protocol/server";
import type { AccessControl, Admission } from "./access/accessControl";
import { type AuditSink, can, forbiddenMessage, type Permission } from "./access/actor";
import { type CommandDesk, failure } from "./commands";
import type { SharedFrame } from "./fanout";
import type { Fleet, FleetDevice } from "./fleet";
import type { LatestFeed } from "./latestFeed";
import type { ServerMetrics } from "./metrics";
import type { ResolvedOptions } from "./options";
import { Outbox } from "./outbox";
import { RateLimiter } from "./rateLimiter";
import { SubscriptionSet } from "./subscriptions";

/** What sessions share with the server. */
export interface SessionContext {
  session: string;
  fleet: Fleet;
  desk: CommandDesk;
  metrics: ServerMetrics;
  options: ResolvedOptions;
  now(): number;
  /** The fleet as a JSON array of DeviceInfo, current as of the last device change. */
  describeFleet(): string;
  /** Where the fleet comes from and whether it is reachable, for `welcome.source`. */
  source(): SourceStatus;
  /** The fleet's newest samples, for `latest`. */
  latest: LatestFeed;
  /** Simulated network delay of every outgoing frame, ms (0 in production). */
  sendDelay: number;
  /** `welcome.history` (v1.2). */
  history: HistoryCapability;
  /** Frames sent right after `welcome` (v1.3: the `alerts` snapshot, the webhooks' status). */
  afterWelcome?(): string[];
  /** Checks `auth` tokens and records session activity. */
  access: Pick<AccessControl, "fromToken" | "seen">;
  /** Where a refused command is recorded (the desk records the others). */
  audit: AuditSink;
}

/** Messages a client may send while its `auth` is being checked; more close it. */
const MAX_WAITING = 100;

/** What each client message needs; everything but a command only reads. */
const NEEDS: Record<ClientMessage["type"], Permission> = {
  auth: "watch",
  subscribe: "watch",
  unsubscribe: "watch",
  command: "command",
  ping: "watch",
  latest: "watch",
};

/** Most unknown ids quoted in one `unknown_device` message. */
const QUOTED_IDS = 10;

function rawId(data: string): string | undefined {
  try {
    const id = (JSON.parse(data) as { id?: unknown }).id;
    return typeof id === "string" && id.length >= 1 && id.length <= MAX_ID_LENGTH ? id : undefined;
  } catch {
    return undefined;
  }
}

/** The server side of one WebSocket connection. */
export class Session {
  readonly outbox: Outbox;
  readonly subscriptions: SubscriptionSet;
  private admission: Admission | undefined;
  /** Frames that arrived while the `auth` message was being checked, handled after it. */
  private waiting: [Buffer, boolean][] | undefined;
  private authTimer: NodeJS.Timeout | undefined;
  private readonly limiter: RateLimiter;
  private missedPongs = 0;
  /** When the client went over the buffer cap, while it stays there. */
  private overCapSince: number | undefined;
  /** The client asked for the fleet's newest samples every second (`latest`). */
  private wantsLatest = false;

  /**
   * `admission`: who the upgrade proved (a session cookie, or the open server); else `auth` must.
   * `socket`: the one `ws` was handed at the upgrade, which shared frames are written to.
   */
  constructor(
    private readonly ws: WebSocket,
    private readonly ctx: SessionContext,
    admission: Admission | undefined,
    socket?: Duplex,
  ) {
    const { options } = ctx;
    this.outbox = new Outbox(ws, ctx.metrics, ctx.sendDelay, socket);
    this.subscriptions = new SubscriptionSet(ctx.fleet);
    this.limiter = new RateLimiter(options.rateLimit, ctx.now());
    this.admission = admission;
    ws.on("message", (data, isBinary) => this.receive(data as Buffer, isBinary));
    ws.on("pong", () => {
      this.missedPongs = 0;
    });
    if (this.admission) this.welcome();
    else {
      this.authTimer = setTimeout(
        () => this.close(CLOSE_CODES.unauthorized, "authentication timed out"),
        options.authTimeout,
      );
    }
  }

  /** True once the client may receive data (authenticated when access is required). */
  get ready(): boolean {
    return this.admission !== undefined;
  }

  /** Who this connection acts as, once known. */
  get admitted(): Admission | undefined {
    return this.admission;
  }

  private welcome(): void {
    const { session, now, describeFleet, source } = this.ctx;
    // Spliced by hand so the shared fleet JSON is not parsed and re-encoded per connection.
    const history = this.ctx.history;
    const { user, role, via } = (this.admission as Admission).actor;
    const access = { user, role, via };
    this.outbox.send(
      encodeWelcome({ session, serverTime: now(), source: source(), history, access }, describeFleet()),
    );
    for (const frame of this.ctx.afterWelcome?.() ?? []) this.outbox.send(frame);
  }

  /** Sends a control message; never skipped, whatever the buffer. */
  send(message: ServerMessage): void {
    this.outbox.send(encodeMessage(message));
  }

  private error(code: ErrorCode, message: string, id?: string): void {
    this.send(id === undefined ? { type: "error", code, message } : { type: "error", id, code, message });
  }

  close(code: number, reason: string): void {
    this.ws.close(code, reason);
  }

  private receive(data: Buffer, isBinary: boolean): void {
    const { metrics } = this.ctx;
    metrics.framesIn.inc();
    metrics.bytesIn.inc(data.length);
    // Frames that arrive after we started closing are not answered.
    if (!this.outbox.open) return;
    if (this.waiting) {
      if (this.waiting.push([data, isBinary]) > MAX_WAITING)
        this.close(CLOSE_CODES.policyViolation, "too many messages before authentication");
      return;
    }
    const text = isBinary ? "" : data.toString("utf8");
    if (!this.admission) {
      // The first message settles authentication either way, and nothing, not even an error,
      // is sent before it succeeds.
      const first = parseClientMessage(text, isBinary);
      this.authenticate(first.ok ? first.message : undefined);
      return;
    }
    const verdict = this.limiter.take(this.ctx.now());
    if (verdict === "flood") {
      this.close(CLOSE_CODES.policyViolation, "message rate limit exceeded");
      return;
    }
    if (verdict === "limited") {
      const limit = this.ctx.options.rateLimit;
      this.error("rate_limited", `over ${limit} messages per second; message dropped`, rawId(text));
      return;
    }
    const parsed = parseClientMessage(text, isBinary);
    if (!parsed.ok) {
      this.error(parsed.code, parsed.message, parsed.id);
      return;
    }
    this.handle(parsed.message);
  }

  private authenticate(message: ClientMessage | undefined): void {
    if (message?.type !== "auth") {
      this.close(CLOSE_CODES.unauthorized, "expected an auth message first");
      return;
    }
    this.waiting = [];
    this.ctx.access.fromToken(message.token).then(
      (admission) => {
        const waiting = this.waiting ?? [];
        this.waiting = undefined;
        if (!this.outbox.open) return;
        if (!admission) {
          this.close(CLOSE_CODES.unauthorized, "invalid token");
          return;
        }
        clearTimeout(this.authTimer);
        this.admission = admission;
        this.welcome();
        for (const [data, isBinary] of waiting) this.receive(data, isBinary);
      },
      () => this.close(CLOSE_CODES.unauthorized, "the token cannot be checked now (store unavailable)"),
    );
  }

  private handle(message: ClientMessage): void {
    const { actor } = this.admission as Admission;
    this.ctx.access.seen(actor);
    if (!can(actor, NEEDS[message.type])) {
      const refusal = forbiddenMessage(actor, NEEDS[message.type]);
      if (message.type === "command") {
        this.send(failure(message.id, "forbidden", refusal));
        const at = this.ctx.now();
        const { device, name: command, args = {} } = message;
        const detail = { command, args, ok: false, error: "forbidden", sentAt: at, answeredAt: at };
        this.ctx.audit.append({ at, user: actor.user, action: "command", device, detail });
      } else this.error("forbidden", refusal, "id" in message ? message.id : undefined);
      return;
    }
    switch (message.type) {
      case "auth":
        // Already authenticated, or the server has no token: nothing to do.
        return;
      case "subscribe":
        this.subscribe(message);
        return;
      case "unsubscribe":
        this.unsubscribe(message);
        return;
      case "command":
        this.ctx.desk.submit(message, (result) => this.send(result), actor.user);
        return;
      case "ping":
        this.send({ type: "pong", id: message.id, t: message.t, serverTime: this.ctx.now() });
        return;
      case "latest": {
        const { latest, now } = this.ctx;
        this.wantsLatest = !message.stop;
        this.outbox.send(
          message.stop ? latest.stopped(message.id, now()) : latest.snapshot(message.id, now()),
        );
        return;
      }
    }
  }

  /**
   * Sends the shared once-a-second `latest` frame if the client asked for it. Like live data it
   * is skipped while the client is over the buffer cap: the next one carries newer values anyway.
   */
  get watchesLatest(): boolean {
    return this.wantsLatest && this.ready;
  }

  onLatest(frame: SharedFrame): void {
    if (!this.watchesLatest || !this.outbox.open) return;
    if (!this.outbox.exceeds(this.ctx.options.maxBuffered)) this.outbox.send(frame);
    else this.ctx.metrics.skippedFrames.inc();
  }

  /** Resolves requested ids (or "*"); reports unknown ones with `unknown_device`. */
  private resolve(message: SubscribeMessage | UnsubscribeMessage): FleetDevice[] {
    const { fleet } = this.ctx;
    if (message.devices.includes("*")) return fleet.devices;
    const known: FleetDevice[] = [];
    const unknown: string[] = [];
    for (const id of new Set(message.devices)) {
      const device = fleet.byId.get(id);
      if (device) known.push(device);
      else unknown.push(id);
    }
    if (unknown.length) {
      const quoted = unknown.slice(0, QUOTED_IDS).map((id) => JSON.stringify(id));
      const more = unknown.length > QUOTED_IDS ? ` and ${unknown.length - QUOTED_IDS} more` : "";
      this.error("unknown_device", `${message.type}: unknown device ${quoted.join(", ")}${more}`, message.id);
    }
    return known;
  }

  private subscribe(message: SubscribeMessage): void {
    const devices = this.resolve(message);
    const { maxSubscriptions } = this.ctx.options;
    const added = devices.filter((device) => !this.subscriptions.has(device)).length;
    if (this.subscriptions.size + added > maxSubscriptions) {
      this.error(
        "too_many_subscriptions",
        `subscribe: at most ${maxSubscriptions} devices per connection; this would make ${this.subscriptions.size + added}`,
        message.id,
      );
      return;
    }
    this.subscriptions.add(devices);
    this.send({ type: "subscribed", id: message.id, devices: devices.map((device) => device.id) });
    const since = message.history ? this.ctx.now() - message.history * 1000 : undefined;
    for (const device of devices) {
      const cursor = message.resume?.[device.id];
      const after = message.after?.[device.id];
      if (cursor !== undefined) this.subscriptions.replayAfter(device, cursor);
      else if (after !== undefined)
        // Everything held after the device's own timestamp; older than the ring is not a gap here.
        this.subscriptions.replayAfter(
          device,
          Math.max(device.history.firstSeq, device.history.seqAtOrAfter(Math.floor(after) + 1)) - 1,
        );
      else if (since !== undefined)
        this.subscriptions.replayAfter(device, device.history.seqAtOrAfter(since) - 1);
    }
    if (this.subscriptions.behind) this.subscriptions.pump(this.outbox, this.ctx.options.maxBuffered);
  }

  private unsubscribe(message: UnsubscribeMessage): void {
    const devices = this.resolve(message);
    this.subscriptions.remove(devices);
    this.send({ type: "unsubscribed", id: message.id, devices: devices.map((device) => device.id) });
  }

  /** Delivers this tick's data: live when possible, else catch-up; closes stuck clients. */
  onTick(now: number): void {
    if (!this.ready || this.subscriptions.size === 0 || !this.outbox.open) return;
    const { maxBuffered, slowClientTimeout } = this.ctx.options;
    const subs = this.subscriptions;
    if (!subs.behind) {
      const frame = subs.liveFrame();
      if (frame && !this.outbox.exceeds(maxBuffered)) this.outbox.send(frame);
      else if (frame) {
        this.ctx.metrics.skippedFrames.inc();
        subs.fallBehind();
      }
    } else {
      subs.fallBehind();
      if (subs.liveFrame()) this.ctx.metrics.skippedFrames.inc();
      // Resume only once the client has drained well below the cap, not at the first free byte.
      if (!this.outbox.exceeds(maxBuffered / 4)) subs.pump(this.outbox, maxBuffered);
    }
    if (!this.outbox.exceeds(maxBuffered)) this.overCapSince = undefined;
    else {
      this.overCapSince ??= now;
      if (now - this.overCapSince >= slowClientTimeout) {
        this.close(CLOSE_CODES.tryAgainLater, "client too slow: over the buffer cap too long");
      }
    }
  }

  /** Called every heartbeat interval: pings, and terminates a peer that missed two pings. */
  heartbeat(): void {
    if (this.missedPongs >= 2) {
      this.ws.terminate();
      return;
    }
    this.missedPongs++;
    this.ws.ping();
  }

  /** Releases timers; called once when the socket closes. */
  dispose(): void {
    clearTimeout(this.authTimer);
    this.outbox.dispose();
  }
}
