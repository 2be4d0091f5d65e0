/**
 * Application-level heartbeat: a `ping` every `intervalMs`; when nothing proves the link alive
 * (a pong, or before `welcome` the welcome itself) for `timeoutMs`, the link is declared dead.
 * TCP can keep a dead connection "open" for minutes; this notices within seconds.
 */
export interface HeartbeatOptions {
  /** Ping period (ms). Default 5000. */
  intervalMs?: number;
  /** Silence after which the link is dead (ms). Default 10 000. */
  timeoutMs?: number;
  /** Sends one ping carrying `id`. */
  ping: (id: string) => void;
  /** The link is dead: reconnect. */
  onDead: () => void;
}

export class Heartbeat {
  private interval: ReturnType<typeof setInterval> | undefined;
  private deadline: ReturnType<typeof setTimeout> | undefined;
  private count = 0;

  constructor(private readonly options: HeartbeatOptions) {}

  /** Starts pinging (after `welcome`); pings once at once so the first rtt is known early. */
  start(): void {
    this.stop();
    this.alive();
    const ping = () => this.options.ping(`ping-${++this.count}`);
    ping();
    this.interval = setInterval(ping, this.options.intervalMs ?? 5000);
  }

  /** Something proved the link alive (a pong, a just-opened socket): restart the dead timer. */
  alive(): void {
    if (this.deadline !== undefined) clearTimeout(this.deadline);
    this.deadline = setTimeout(() => {
      this.deadline = undefined;
      this.options.onDead();
    }, this.options.timeoutMs ?? 10_000);
  }

  /** Clears both timers (link closed or client stopped). */
  stop(): void {
    if (this.interval !== undefined) clearInterval(this.interval);
    if (this.deadline !== undefined) clearTimeout(this.deadline);
    this.interval = undefined;
    this.deadline = undefined;
  }
}
