/**
 * Test helpers for the live-data core under Vitest in Node: a `ws` WebSocket that records what
 * the dashboard sends, polling options, and a manual requestAnimationFrame. Node-only; never
 * imported by application code.
 */
import { vi } from "vitest";
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

/** Options for `expect.poll` and `vi.waitFor` over a real socket: 10 s, polling every 10 ms. */
export const POLL = { timeout: 10_000, interval: 10 } as const;

/**
 * Resolves when `condition` holds, through `vi.waitFor`; rejects naming `what` after `timeoutMs`.
 * Kept for src/transport/fleetClient.test.ts; new tests use `expect.poll` with `POLL`.
 */
export function waitFor(condition: () => boolean, what: string, timeoutMs = POLL.timeout): Promise<void> {
  return vi.waitFor(
    () => {
      if (!condition()) throw new Error(`timed out waiting for ${what}`);
    },
    { ...POLL, timeout: timeoutMs },
  );
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
