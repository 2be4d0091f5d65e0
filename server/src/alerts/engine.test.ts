import { describe, expect, it } from "vitest";
import type { AlertRule } from "../../../src/protocol/messages";
import { AlertEngine, STALE_MIN_MS, type Transition } from "./engine";

const device = { id: "thermo-001", index: 0, rate: 10, online: true, metrics: [{ key: "temperature" }] };

function rule(overrides: Partial<AlertRule> = {}): AlertRule {
  return {
    id: "r1",
    name: "hot",
    scope: { device: "thermo-001" },
    metric: "temperature",
    op: "above",
    threshold: 30,
    forSeconds: 1,
    severity: "critical",
    ...overrides,
  } as AlertRule;
}

/** An engine with `rules` on the device, and the states of the transitions it reports. */
function setup(rules: AlertRule[]) {
  const transitions: Transition[] = [];
  const engine = new AlertEngine((transition) => transitions.push(transition));
  engine.clock = 0;
  engine.assign(device, rules);
  const feed = (samples: [time: number, value: number][]) => {
    for (const [time, value] of samples) {
      engine.clock = time;
      engine.onSample(device, time, [value]);
    }
  };
  return { engine, transitions, feed, states: () => transitions.map((t) => `${t.state}@${t.at}`) };
}

describe("alert engine", () => {
  it("goes pending when the value crosses, fires after forSeconds, resolves when back", () => {
    const { feed, states, transitions } = setup([rule()]);
    feed([
      [0, 20],
      [100, 31],
      [600, 32],
      [1100, 33],
      [1200, 34],
      [1300, 25],
      [1400, 25],
    ]);
    expect(states()).toEqual(["pending@100", "firing@1100", "resolved@1300"]);
    expect(new Set(transitions.map((t) => t.alert.id)).size).toBe(1);
    expect(transitions[1]?.alert).toMatchObject({
      state: "firing",
      value: 33,
      since: 1100,
      severity: "critical",
    });
    expect(new Set(transitions.map((t) => t.event)).size).toBe(3);
  });

  it("a pending alert that clears before forSeconds resolves without firing; NaN changes nothing", () => {
    const { feed, states } = setup([rule()]);
    feed([
      [0, 31],
      [100, Number.NaN],
      [500, 20],
    ]);
    expect(states()).toEqual(["pending@0", "resolved@500"]);
  });

  it("hysteresis: a value hovering at the threshold fires once and resolves only below clearThreshold", () => {
    const hover = Array.from({ length: 40 }, (_, i) => [i * 100, i % 2 ? 30.2 : 29.8] as [number, number]);
    const flapping = setup([rule({ forSeconds: 0 })]);
    flapping.feed(hover);
    expect(flapping.transitions.length).toBeGreaterThanOrEqual(39);
    const steady = setup([rule({ forSeconds: 0, clearThreshold: 29 })]);
    steady.feed([...hover, [4000, 28.9]]);
    expect(steady.states()).toEqual(["firing@100", "resolved@4000"]);
  });

  it("outside a band with clearLow/clearHigh", () => {
    const { feed, states } = setup([
      rule({
        op: "outside",
        threshold: undefined,
        low: 10,
        high: 30,
        clearLow: 12,
        clearHigh: 28,
        forSeconds: 0,
      }),
    ]);
    feed([
      [0, 20],
      [100, 9],
      [200, 11],
      [300, 12],
      [400, 31],
      [500, 29],
      [600, 28],
    ]);
    expect(states()).toEqual(["firing@100", "resolved@300", "firing@400", "resolved@600"]);
  });

  it("offline and stale devices put their tracks in no_data, never a silent ok", () => {
    const offline = setup([rule()]);
    offline.feed([[0, 20]]);
    offline.engine.setOffline(device, 50);
    offline.engine.setOffline(device, 60);
    expect(offline.states()).toEqual(["no_data@50"]);
    offline.feed([[1000, 20]]);
    expect(offline.states()).toEqual(["no_data@50", "resolved@1000"]);

    const stale = setup([rule({ forSeconds: 0 })]);
    stale.feed([[0, 35]]);
    stale.engine.checkStale(STALE_MIN_MS - 1);
    expect(stale.states()).toEqual(["firing@0"]);
    stale.engine.checkStale(STALE_MIN_MS + 1);
    expect(stale.states()).toEqual(["firing@0", `no_data@${STALE_MIN_MS + 1}`]);
    // Data back and still beyond: the same alert fires again.
    stale.feed([[5000, 36]]);
    expect(stale.states().at(-1)).toBe("firing@5000");
    expect(new Set(stale.transitions.map((t) => t.alert.id)).size).toBe(1);
  });

  it("a rule removed from a device resolves its alert; a changed one keeps it", () => {
    const { engine, feed, states } = setup([rule({ forSeconds: 0 })]);
    feed([[0, 35]]);
    engine.assign(device, [rule({ forSeconds: 0, threshold: 40 })]);
    expect(states()).toEqual(["firing@0"]);
    feed([[100, 35]]);
    expect(states()).toEqual(["firing@0", "resolved@100"]);
    feed([[200, 45]]);
    engine.assign(device, []);
    expect(states()).toEqual(["firing@0", "resolved@100", "firing@200", "resolved@200"]);
  });

  it("a rule version opens alerts only from its activeFrom sample time", () => {
    const transitions: Transition[] = [];
    const engine = new AlertEngine((transition) => transitions.push(transition));
    engine.assign(device, [rule({ forSeconds: 0 })], () => 1000);
    for (const time of [500, 900, 1000]) engine.onSample(device, time, [35]);
    expect(transitions.map((t) => t.at)).toEqual([1000]);
  });
});
