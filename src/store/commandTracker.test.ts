import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { CommandMessage } from "../protocol/messages";
import { CommandTracker, randomId } from "./commandTracker";
import { createDashboardStore } from "./createDashboardStore";

function setup() {
  const store = createDashboardStore();
  const transport = {
    live: true,
    sent: [] as CommandMessage[],
    send(message: CommandMessage) {
      this.sent.push(message);
      return true;
    },
  };
  let n = 0;
  const settled: string[] = [];
  const tracker = new CommandTracker({
    store,
    transport,
    timeoutMs: 1000,
    newId: () => `c${++n}`,
    onSettled: (entry) => settled.push(`${entry.id}:${entry.status}`),
  });
  const status = (id: string) => store.getState().commands[id]?.status;
  return { store, transport, tracker, settled, status };
}

describe("CommandTracker", () => {
  beforeEach(() => vi.useFakeTimers({ now: 10_000 }));
  afterEach(() => vi.useRealTimers());

  it("holds a command while offline and sends it, with its deadline, when live", () => {
    const { transport, tracker, status } = setup();
    transport.live = false;
    const id = tracker.send("t1", "setTarget", { target: 22 });
    expect(status(id)).toBe("sending");
    expect(transport.sent).toEqual([]);
    transport.live = true;
    tracker.onLive();
    expect(transport.sent).toEqual([
      { type: "command", id, device: "t1", name: "setTarget", args: { target: 22 }, deadline: 11_000 },
    ]);
    expect(status(id)).toBe("pending");
  });

  it("a command the role may not send (forbidden) fails with the server's words, and is not resent", () => {
    const { transport, tracker, store, settled } = setup();
    const id = tracker.send("t1", "lock", {});
    const message = "viewer vera may not send commands: that needs the operator role";
    tracker.onResult({ type: "commandResult", id, ok: false, error: { code: "forbidden", message } });
    expect(store.getState().commands[id]).toMatchObject({
      status: "failed",
      error: { code: "forbidden", message },
    });
    expect(settled).toEqual([`${id}:failed`]);
    tracker.onDown();
    tracker.onLive();
    expect(transport.sent.map((m) => m.id)).toEqual([id]);
  });

  it("resends in-flight commands with the same id after a drop, and settles once", () => {
    const { transport, tracker, status, settled, store } = setup();
    const id = tracker.send("t1", "lock", {});
    tracker.onDown();
    expect(status(id)).toBe("sending");
    tracker.onLive();
    expect(transport.sent.map((m) => m.id)).toEqual([id, id]);
    tracker.onResult({ type: "commandResult", id, ok: true, state: { locked: true } });
    tracker.onResult({ type: "commandResult", id, ok: true, state: { locked: true } });
    expect(store.getState().commands[id]).toMatchObject({
      status: "succeeded",
      attempts: 2,
      state: { locked: true },
    });
    expect(settled).toEqual([`${id}:succeeded`]);
  });

  it("times out at the deadline, never resends after it, and lets a late success through", () => {
    const { transport, tracker, status, settled } = setup();
    transport.live = false;
    const id = tracker.send("t1", "lock", {});
    vi.advanceTimersByTime(1000);
    expect(status(id)).toBe("timed_out");
    transport.live = true;
    tracker.onLive();
    expect(transport.sent).toEqual([]);
    tracker.onResult({ type: "commandResult", id, ok: false, error: { code: "expired", message: "late" } });
    expect(status(id)).toBe("timed_out");
    tracker.onResult({ type: "commandResult", id, ok: true });
    expect(status(id)).toBe("succeeded");
    expect(settled).toEqual([`${id}:timed_out`, `${id}:succeeded`]);
  });

  it("records the server's failure code and message", () => {
    const { tracker, store } = setup();
    const id = tracker.send("t1", "lock", {});
    tracker.onResult({
      type: "commandResult",
      id,
      ok: false,
      error: { code: "device_offline", message: "t1 is offline" },
    });
    expect(store.getState().commands[id]).toMatchObject({
      status: "failed",
      error: { code: "device_offline", message: "t1 is offline" },
    });
  });
});

describe("randomId", () => {
  it("makes v4 UUIDs, also without crypto.randomUUID (plain http on a LAN)", () => {
    const original = crypto.randomUUID;
    Object.defineProperty(crypto, "randomUUID", { value: undefined, configurable: true });
    try {
      const ids = new Set(Array.from({ length: 100 }, () => randomId()));
      expect(ids.size).toBe(100);
      for (const id of ids)
        expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    } finally {
      Object.defineProperty(crypto, "randomUUID", { value: original, configurable: true });
    }
  });
});
