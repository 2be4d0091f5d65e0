import { describe, expect, it } from "vitest";
import { ENGINES, useEngine } from "../../../testing/storeEngines";
import { DAY_MS } from "../store/historyStore";
import { alertSchema } from "./alertSchema";
import { storeEngine } from "./storeEngine";

const NOW = 1_795_000_000_000;

describe.each(ENGINES)("alert retention on %s", (name) => {
  const fixture = useEngine(name);

  it("expires alert events and resolved alerts older than the hour tier's retention", async () => {
    const store = await fixture.open({ now: () => NOW, retention1h: 10 * DAY_MS, maintainMs: 3_600_000 });
    const engine = storeEngine(store);
    if (!engine) throw new Error("the store exposes no engine");
    await engine.transaction(async (tx) => {
      for (const statement of alertSchema(name)) await tx.run(statement);
    });
    const old = NOW - 11 * DAY_MS;
    const recent = NOW - 9 * DAY_MS;
    const state = (id: string, state: string, ended: number | null) =>
      `('${id}', 'r', 'd', 'm', 'warning', '${state}', ${old}, ${old}, 1, ${ended ?? "NULL"}, 1, 1)`;
    const event = (id: string, t: number) => `('${id}', 'a', 'd', 'firing', ${t}, 1, '{}', '{}')`;
    await engine.transaction(async (tx) => {
      await tx.run(
        `INSERT INTO alert_state (id, rule_id, device, metric, severity, state, started_at, since, value, ended_at, fired, steps) VALUES ${[state("old-resolved", "resolved", old), state("recent-resolved", "resolved", recent), state("old-open", "firing", null)].join(", ")}`,
      );
      await tx.run(
        `INSERT INTO alert_events (event, alert_id, device, state, t, value, alert, rule) VALUES ${[event("e-old", old), event("e-recent", recent)].join(", ")}`,
      );
    });
    await store.maintain();
    const ids = async (sql: string) => (await engine.read.run(sql)).map(([id]) => id).sort();
    expect(await ids("SELECT id FROM alert_state")).toEqual(["old-open", "recent-resolved"]);
    expect(await ids("SELECT event FROM alert_events")).toEqual(["e-recent"]);
  });
});
