import { describe, expect, it } from "vitest";
import type { AlertRule } from "../../../src/protocol/messages";
import { ENGINES, useEngine } from "../../../testing/storeEngines";
import type { SqlEngine } from "../store/sqlEngine";
import type { Transition } from "./engine";
import { openSqlAlertLog } from "./sqlAlertLog";
import { storeEngine } from "./storeEngine";

const AT = 1_795_000_000_000;
const RULE: AlertRule = {
  id: "hot",
  name: "hot",
  scope: { kind: "thermostat" },
  metric: "temperature",
  op: "above",
  threshold: 28,
  forSeconds: 5,
  severity: "warning",
} as AlertRule;

/** Transition n: alert n / 2 goes pending (even n) or resolved (odd n), one ms apart. */
function transition(n: number): Transition {
  const state = n % 2 === 0 ? "pending" : "resolved";
  const id = `alert-${Math.floor(n / 2)}`;
  return {
    event: `event-${n}`,
    state,
    at: AT + n,
    alert: {
      id,
      rule: RULE.id,
      device: `t-${n % 7}`,
      metric: "temperature",
      state,
      since: AT + n,
      value: n % 5 === 0 ? null : 28.5,
      acknowledged: null,
      severity: "warning",
    },
    rule: RULE,
    startedAt: AT + n - (n % 2),
    fired: false,
    steps: (n % 2) + 1,
  };
}

describe.each(ENGINES)("the alert log's writes on %s", (name) => {
  const fixture = useEngine(name);

  async function open() {
    const store = await fixture.open();
    const engine = storeEngine(store) as SqlEngine;
    return { engine, log: await openSqlAlertLog(engine, true) };
  }

  it("keeps every transition once, in the order recorded, across batches and a batch written again", async () => {
    const { engine, log } = await open();
    // 450 transitions: three batches of at most 200 rows.
    for (let n = 0; n < 450; n++) expect(log.record(transition(n))).toBe(true);
    await log.flush();
    // The first ten again (a retried batch): stored once.
    for (let n = 0; n < 10; n++) log.record(transition(n));
    await log.flush();
    const rows = await engine.read.run("SELECT event, t, value, notified_at FROM alert_events ORDER BY seq");
    expect(rows.map(([event]) => event)).toEqual(Array.from({ length: 450 }, (_, n) => `event-${n}`));
    expect(rows.map(([, t]) => Number(t))).toEqual(Array.from({ length: 450 }, (_, n) => AT + n));
    expect(rows.slice(0, 2).map(([, , value, notified]) => [value, notified])).toEqual([
      [null, null],
      [28.5, null],
    ]);
    // The webhook queue hands them out in that order too.
    const claimed = await log.claim("me", 1000, AT + 1000);
    expect(claimed.map((t) => t.event)).toEqual(rows.map(([event]) => event));
    // One row per alert, at its newest state.
    const states = await engine.read.run("SELECT state, count(*) FROM alert_state GROUP BY state");
    expect(states.map(([state, count]) => [state, Number(count)])).toEqual([["resolved", 225]]);
    await log.close();
  });
});
