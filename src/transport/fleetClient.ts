/**
 * The one WebSocket of a tab, on reconnecting-websocket: connection state, backoff with jitter,
 * auth, protocol check, heartbeat. It knows nothing about React or the store; the layer above
 * listens to its events and re-sends what the server must know on every `live` (subscriptions,
 * in-flight commands): that state-derived outbox replaces a message queue, so nothing stale is
 * ever replayed into a new connection.
 *
 * Workarounds for reconnecting-websocket 4.4.0:
 * - `maxEnqueuedMessages: 0`: it otherwise replays messages queued while closed before our `open`
 *   handler runs (pladaria/reconnecting-websocket#135); `send` refuses instead when not live.
 * - it reports refused connections and its own `reconnect()` as close code 1000, so no close code
 *   except 4401 is read as "closed on purpose": only `stop()` stops.
 * - its backoff has no jitter and no observable "next retry at": its own delay is set to 0 and the
 *   URL provider (called before every attempt) waits our jittered delay instead.
 * - after `close()` it cannot be restarted reliably, so each `start()` makes a new instance.
 */
import ReconnectingWebSocket, { type CloseEvent } from "reconnecting-websocket";
import { CLOSE_CODES, PROTOCOL_VERSION } from "../protocol/constants";
import { encodeMessage } from "../protocol/encode";
import type { ClientMessage, ServerMessage, WelcomeMessage } from "../protocol/messages";
import { parseServerMessage } from "../protocol/parseServer";
import { type BackoffOptions, backoffDelay } from "./backoff";
import { browserNetworkStatus, type ConnectionState, type NetworkStatus } from "./connectionState";
import { Emitter } from "./emitter";
import { Heartbeat } from "./heartbeat";

export interface FleetClientOptions {
  /** WebSocket URL, or a function read before every attempt. */
  url: string | (() => string);
  token?: string;
  /** WebSocket constructor (Node: `WebSocket` from `ws`). Default: the global one. */
  WebSocket?: unknown;
  /** Ping every `intervalMs` (5000); no pong for `timeoutMs` (10 000) means the link is dead. */
  heartbeat?: { intervalMs?: number; timeoutMs?: number };
  backoff?: BackoffOptions;
  network?: NetworkStatus;
  now?: () => number;
  random?: () => number;
}

/** What the client reports. */
export interface FleetClientEvents {
  state: (state: ConnectionState) => void;
  /** A `welcome` arrived: the link is live. Re-send subscriptions and in-flight commands now. */
  live: (welcome: WelcomeMessage, info: { newSession: boolean; reconnect: boolean }) => void;
  /** The live link went down (a reconnect follows unless halted). */
  down: () => void;
  /** Every server message except `welcome` and `pong`. */
  message: (message: ServerMessage) => void;
  /** Every received frame's size (characters), for the data-rate statistics. */
  frame: (size: number) => void;
  /** A pong: round-trip time and server-minus-local clock offset (ms). */
  pong: (rttMs: number, clockOffsetMs: number) => void;
}

export class FleetClient {
  private readonly events = new Emitter<FleetClientEvents>();
  private readonly now: () => number;
  private readonly network: NetworkStatus;
  private token: string | undefined;
  private socket: ReconnectingWebSocket | undefined;
  private generation = 0;
  private current: ConnectionState = { status: "stopped" };
  private sessionId: string | undefined;
  private isLive = false;
  private wasEverLive = false;
  /** Failed attempts since the last `welcome` (or `start`). */
  private retries = 0;
  private firstAttempt = true;
  private readonly heartbeat: Heartbeat;
  private wake: (() => void) | undefined;
  private unsubscribeNetwork: (() => void) | undefined;

  constructor(private readonly options: FleetClientOptions) {
    this.token = options.token;
    this.now = options.now ?? Date.now;
    this.network = options.network ?? browserNetworkStatus();
    this.heartbeat = new Heartbeat({
      ...options.heartbeat,
      ping: (id) => this.send({ type: "ping", id, t: this.now() }),
      onDead: () => this.socket?.reconnect(),
    });
  }

  /** Subscribes to an event; returns a function that unsubscribes. */
  on<K extends keyof FleetClientEvents>(event: K, listener: FleetClientEvents[K]): () => void {
    return this.events.on(event, listener);
  }

  /** Listeners registered through `on` (constant across reconnects: nothing leaks). */
  get listenerCount(): number {
    return this.events.size;
  }

  get state(): ConnectionState {
    return this.current;
  }

  /** True between `welcome` and the link going down. */
  get live(): boolean {
    return this.isLive;
  }

  /** Session id of the last `welcome`. */
  get session(): string | undefined {
    return this.sessionId;
  }

  /** Opens the socket (no-op when already running). */
  start(): void {
    if (this.socket) return;
    const generation = ++this.generation;
    this.retries = 0;
    this.firstAttempt = true;
    this.setState({ status: "connecting" });
    this.unsubscribeNetwork = this.network.onChange((online) => this.onNetworkChange(online));
    const socket = new ReconnectingWebSocket(() => this.nextUrl(generation), [], {
      ...(this.options.WebSocket === undefined ? {} : { WebSocket: this.options.WebSocket }),
      maxEnqueuedMessages: 0,
      minReconnectionDelay: 0,
      maxReconnectionDelay: 0,
      connectionTimeout: 4000,
    });
    socket.addEventListener("open", this.onOpen);
    socket.addEventListener("message", this.onMessage);
    socket.addEventListener("close", this.onClose);
    socket.addEventListener("error", this.onError);
    this.socket = socket;
  }

  /** Closes the socket and clears every timer; `start()` opens it again. */
  stop(): void {
    this.halt({ status: "stopped" });
  }

  /** Sets the token sent as `auth` on every connect; leaves `unauthorized` by connecting again. */
  setToken(token: string | undefined): void {
    this.token = token;
    if (this.current.status === "unauthorized") this.start();
  }

  /** Skips the backoff wait (a "retry now" button), or drops a live link and reconnects. */
  reconnectNow(): void {
    if (this.wake) this.wake();
    else this.socket?.reconnect();
  }

  /** Sends a message if the link is live; returns false (and sends nothing) otherwise. */
  send(message: ClientMessage): boolean {
    if (!this.isLive || !this.socket) return false;
    this.socket.send(encodeMessage(message));
    return true;
  }

  private setState(state: ConnectionState): void {
    this.current = state;
    this.events.emit("state", state);
  }

  private resolveUrl(): string {
    return typeof this.options.url === "function" ? this.options.url() : this.options.url;
  }

  /** Called by reconnecting-websocket before every attempt: waits for the network and the backoff. */
  private async nextUrl(generation: number): Promise<string> {
    const stale = () => generation !== this.generation || !this.socket;
    if (stale()) return this.resolveUrl();
    while (!stale() && !this.network.isOnline()) {
      this.setState({ status: "offline" });
      await this.sleep(Number.POSITIVE_INFINITY);
    }
    if (stale()) return this.resolveUrl();
    if (this.firstAttempt) {
      this.firstAttempt = false;
      this.setState({ status: "connecting" });
      return this.resolveUrl();
    }
    const attempt = ++this.retries;
    const delay = backoffDelay(attempt, this.options.backoff, this.options.random);
    this.setState({ status: "reconnecting", attempt, nextRetryAt: this.now() + delay });
    await this.sleep(delay);
    if (!stale()) this.setState({ status: "reconnecting", attempt });
    return this.resolveUrl();
  }

  /** Resolves after `ms`, or early when woken (network back, retry now, halt). */
  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = Number.isFinite(ms) ? setTimeout(() => done(), ms) : undefined;
      const done = () => {
        if (timer !== undefined) clearTimeout(timer);
        if (this.wake === done) this.wake = undefined;
        resolve();
      };
      this.wake = done;
    });
  }

  private onNetworkChange(online: boolean): void {
    if (online) this.wake?.();
    // The OS may keep a dead socket open for minutes: drop it, then wait for the network.
    else if (this.socket) this.socket.reconnect();
  }

  private readonly onOpen = (): void => {
    if (this.token !== undefined) this.socket?.send(encodeMessage({ type: "auth", token: this.token }));
    this.heartbeat.alive();
  };

  private readonly onMessage = (event: MessageEvent): void => {
    const text = typeof event.data === "string" ? event.data : String(event.data);
    this.events.emit("frame", text.length);
    const parsed = parseServerMessage(text);
    if (!parsed.ok) return;
    const message = parsed.message;
    if (message.type === "welcome") this.onWelcome(message);
    else if (message.type === "pong") this.onPong(message.t, message.serverTime);
    else this.events.emit("message", message);
  };

  private readonly onClose = (event: CloseEvent): void => {
    this.heartbeat.stop();
    const wasLive = this.isLive;
    this.isLive = false;
    if (wasLive) this.events.emit("down");
    if (event.code === CLOSE_CODES.unauthorized) {
      this.halt({ status: "unauthorized", reason: event.reason || "the server requires a valid token" });
    } else if (wasLive && this.socket) {
      this.setState({ status: "reconnecting", attempt: 1 });
    }
  };

  // reconnecting-websocket closes and retries after an error; a listener must exist so the
  // error is never unhandled, and the close that follows carries the state change.
  private readonly onError = (): void => {};

  private onWelcome(welcome: WelcomeMessage): void {
    if (welcome.protocol !== PROTOCOL_VERSION) {
      this.halt({ status: "incompatible", serverProtocol: welcome.protocol });
      return;
    }
    const newSession = this.sessionId !== undefined && this.sessionId !== welcome.session;
    const reconnect = this.wasEverLive;
    this.sessionId = welcome.session;
    this.isLive = true;
    this.wasEverLive = true;
    this.retries = 0;
    this.setState({ status: "live", since: this.now() });
    this.heartbeat.start();
    this.events.emit("live", welcome, { newSession, reconnect });
  }

  private onPong(sentAt: number, serverTime: number): void {
    const received = this.now();
    this.heartbeat.alive();
    this.events.emit("pong", received - sentAt, serverTime - (sentAt + received) / 2);
  }

  private halt(state: ConnectionState): void {
    const socket = this.socket;
    this.socket = undefined;
    this.generation++;
    this.heartbeat.stop();
    this.wake?.();
    this.unsubscribeNetwork?.();
    this.unsubscribeNetwork = undefined;
    const wasLive = this.isLive;
    this.isLive = false;
    if (socket) {
      socket.removeEventListener("open", this.onOpen);
      socket.removeEventListener("message", this.onMessage);
      socket.removeEventListener("close", this.onClose);
      socket.removeEventListener("error", this.onError);
      socket.close(CLOSE_CODES.normal, "client stopped");
    }
    if (wasLive) this.events.emit("down");
    this.setState(state);
  }
}
