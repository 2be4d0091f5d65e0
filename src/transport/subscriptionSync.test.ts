import { describe, expect, it } from "vitest";
import type { ClientMessage } from "../protocol/messages";
import { type SubscriptionPlan, SubscriptionSync } from "./subscriptionSync";

function setup(plan: Partial<SubscriptionPlan>) {
  const sent: ClientMessage[] = [];
  const sync = new SubscriptionSync(
    { live: true, send: (message) => sent.push(message) > 0 },
    { historySeconds: 900, isKnown: () => true, resumeCursors: () => ({}), ...plan },
  );
  return { sync, sent };
}

describe("SubscriptionSync", () => {
  it("asks per device for resume, else after, else history (the v1.2 precedence)", () => {
    const { sync, sent } = setup({
      resumeCursors: (ids): Record<string, number> => (ids.includes("a") ? { a: 41 } : {}),
      afterCursors: (ids) => Object.fromEntries(ids.filter((id) => id !== "c").map((id) => [id, 1000])),
    });
    sync.watch("view", ["a", "b", "c"]);
    sync.sync();
    expect(sent).toEqual([
      {
        type: "subscribe",
        id: "sub-1",
        devices: ["a", "b", "c"],
        history: 900,
        resume: { a: 41 },
        after: { b: 1000 },
      },
    ]);
  });

  it("sends the pre-v1.2 message when there are no after cursors", () => {
    const { sync, sent } = setup({ resumeCursors: () => ({ a: 7 }), afterCursors: () => ({}) });
    sync.watch("view", ["a"]);
    sync.sync();
    expect(sent).toEqual([{ type: "subscribe", id: "sub-1", devices: ["a"], resume: { a: 7 } }]);
  });
});
