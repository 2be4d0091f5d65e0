/**
 * A small WebSocket client for tests of the mock server (and of anything that runs it): records
 * every message and waits for conditions instead of sleeping.
 */
import WebSocket from "ws";
import type { ClientMessage, DataEntry, ServerMessage } from "../src/protocol";

export interface Closed {
  code: number;
  reason: string;
}

export class TestClient {
  readonly messages: ServerMessage[] = [];
  readonly closed: Promise<Closed>;
  private closedWith: Closed | undefined;
  private listeners = new Set<() => void>();

  private constructor(readonly ws: WebSocket) {
    ws.on("message", (data) => {
      this.messages.push(JSON.parse(String(data)) as ServerMessage);
      for (const listener of [...this.listeners]) listener();
    });
    this.closed = new Promise((done) => {
      ws.on("close", (code, reason) => {
        this.closedWith = { code, reason: String(reason) };
        done(this.closedWith);
        for (const listener of [...this.listeners]) listener();
      });
    });
    ws.on("error", () => {});
  }

  /** Opens a connection; resolves once open (rejects on an HTTP refusal). */
  static connect(url: string, options: WebSocket.ClientOptions = {}): Promise<TestClient> {
    const ws = new WebSocket(url, options);
    return new Promise((done, fail) => {
      ws.once("open", () => done(new TestClient(ws)));
      ws.once("unexpected-response", (_req, res) => fail(new Error(`HTTP ${res.statusCode}`)));
      ws.once("error", fail);
    });
  }

  send(message: ClientMessage | string): void {
    this.ws.send(typeof message === "string" ? message : JSON.stringify(message));
  }

  /**
   * Resolves with the first recorded message (from index `from`) matching `predicate`,
   * waiting up to `timeoutMs` for it to arrive; rejects early if the connection closes first.
   */
  waitFor<T extends ServerMessage = ServerMessage>(
    predicate: (message: ServerMessage) => boolean,
    { from = 0, timeoutMs = 5000 }: { from?: number; timeoutMs?: number } = {},
  ): Promise<T> {
    return this.until(
      () => {
        const found = this.messages.slice(from).find(predicate) as T | undefined;
        if (found === undefined && this.closedWith) {
          throw new Error(
            `connection closed (${this.closedWith.code} ${this.closedWith.reason}) while waiting`,
          );
        }
        return found;
      },
      timeoutMs,
      "message",
    );
  }

  /**
   * Resolves with `probe()`'s value once it is defined, re-checking on every message and every
   * 10 ms (for conditions on the server side, which send no message).
   */
  until<T>(probe: () => T | undefined | false, timeoutMs = 5000, what = "condition"): Promise<T> {
    return new Promise((done, fail) => {
      const check = (): void => {
        try {
          const value = probe();
          if (value !== undefined && value !== false) {
            cleanup();
            done(value);
          }
        } catch (error) {
          cleanup();
          fail(error);
        }
      };
      const timer = setTimeout(() => {
        cleanup();
        fail(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      const poll = setInterval(check, 10);
      const cleanup = (): void => {
        clearTimeout(timer);
        clearInterval(poll);
        this.listeners.delete(check);
      };
      this.listeners.add(check);
      check();
    });
  }

  /** Sends a request and waits for the reply carrying its id (any type). */
  async request<T extends ServerMessage = ServerMessage>(
    message: ClientMessage & { id: string },
  ): Promise<T> {
    const from = this.messages.length;
    this.send(message);
    return this.waitFor<T>((m) => "id" in m && m.id === message.id, { from });
  }

  /** Every data entry received for `device`, in arrival order. */
  entries(device: string): (DataEntry & { replay: boolean })[] {
    const result: (DataEntry & { replay: boolean })[] = [];
    for (const message of this.messages) {
      if (message.type !== "data") continue;
      for (const entry of message.batch)
        if (entry.device === device) result.push({ ...entry, replay: !!message.replay });
    }
    return result;
  }

  /** Every seq received for `device`, in arrival order. */
  seqs(device: string): number[] {
    return this.entries(device).flatMap((entry) => entry.t.map((_, i) => entry.seq + i));
  }

  close(): void {
    this.ws.terminate();
  }
}
