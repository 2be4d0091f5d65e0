/**
 * Test helpers for the live-data core under Vitest in Node: a `ws` WebSocket that records what
 * the dashboard sends, a condition poller, and a manual requestAnimationFrame. Node-only; never
 * imported by application code.
 */
import WebSocket from "ws";
import type { ClientMessage } from "../protocol/messages";

/** A `ws` WebSocket that records every frame sent, per connection. */
export function spyWebSocket() {
  const connections: { socket: WebSocket; sent: ClientMessage[] }[] = [];
  class SpyWebSocket extends WebSocket {
    private readonly record: { socket: WebSocket; sent: ClientMessage[] };
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols);
      this.record = { socket: this, sent: [] };
      connections.push(this.record);
    }
    override send(data: string): void {
      this.record.sent.push(JSON.parse(data) as ClientMessage);
      super.send(data);
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

/** Resolves when `condition` holds, polling every 10 ms; rejects with `what` after `timeoutMs`. */
export async function waitFor(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

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
