/**
 * Test helpers for the live-data core under Vitest in Node: a `ws` WebSocket that records what
 * the dashboard sends, polling options, and a manual requestAnimationFrame. Node-only; never
 * imported by application code.
 */
import WebSocket from "ws";
import type { ClientMessage } from "../protocol/messages";

/** A received frame as the dashboard's socket client reads it. */
type MessageListener = (event: { data: unknown }) => void;

/** A pre-v1.2 server's `welcome`: the same frame without `history`. */
function withoutHistory(data: unknown): unknown {
  if (typeof data !== "string" || !data.startsWith('{"type":"welcome"')) return data;
  const { history: _history, ...welcome } = JSON.parse(data) as Record<string, unknown>;
  return JSON.stringify(welcome);
}

/**
 * A `ws` WebSocket that records every frame sent, per connection. `olderServer: true` makes any
 * server look like v1.1 to the dashboard: `welcome.history` is removed before it is read.
 */
export function spyWebSocket({ olderServer = false }: { olderServer?: boolean } = {}) {
  const connections: { socket: WebSocket; sent: ClientMessage[] }[] = [];
  class SpyWebSocket extends WebSocket {
    private readonly record: { socket: WebSocket; sent: ClientMessage[] };
    private readonly wrapped = new Map<unknown, MessageListener>();
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols);
      this.record = { socket: this, sent: [] };
      connections.push(this.record);
    }
    override send(data: string): void {
      this.record.sent.push(JSON.parse(data) as ClientMessage);
      super.send(data);
    }
    override addEventListener(type: string, listener: unknown, options?: unknown): void {
      let added = listener;
      if (olderServer && type === "message") {
        const inner = listener as MessageListener;
        const wrapper: MessageListener = (event) => inner({ data: withoutHistory(event.data) });
        this.wrapped.set(listener, wrapper);
        added = wrapper;
      }
      (super.addEventListener as (t: string, l: unknown, o?: unknown) => void)(type, added, options);
    }
    override removeEventListener(type: string, listener: unknown): void {
      const added = type === "message" ? (this.wrapped.get(listener) ?? listener) : listener;
      this.wrapped.delete(listener);
      (super.removeEventListener as (t: string, l: unknown) => void)(type, added);
    }
  }
  return {
    WebSocket: SpyWebSocket,
    connections,
    /** Messages of one type sent on connection `index`. */
    sent<T extends ClientMessage["type"]>(index: number, type: T): Extract<ClientMessage, { type: T }>[] {
      const sent = connections[index]?.sent ?? [];
      return sent.filter((m): m is Extract<ClientMessage, { type: T }> => m.type === type);
    },
    /** Connections not yet closed. */
    openCount: () => connections.filter((c) => c.socket.readyState !== WebSocket.CLOSED).length,
  };
}

/** Options for `expect.poll` and `vi.waitFor` over a real socket: 10 s, polling every 10 ms. */
export const POLL = { timeout: 10_000, interval: 10 } as const;

/** A requestAnimationFrame whose frames run only when `frame()` is called. */
export function manualRaf() {
  let callbacks: ((time: number) => void)[] = [];
  return {
    raf: (callback: (time: number) => void): number => {
      callbacks.push(callback);
      return callbacks.length;
    },
    cancelRaf: (): void => {
      callbacks = [];
    },
    get requested(): number {
      return callbacks.length;
    },
    frame(): void {
      const run = callbacks;
      callbacks = [];
      for (const callback of run) callback(performance.now());
    },
  };
}
