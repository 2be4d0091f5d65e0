import { describe, expect, it } from "vitest";
import type { LogEntry } from "../../../src/protocol/messages";
import { ENGINES, useEngine } from "../../../testing/storeEngines";
import { storeEngine } from "../alerts/storeEngine";
import type { SqlEngine } from "../store/sqlEngine";
import { openSqlLogbook } from "./sqlLogbook";

const NOW = 1_795_000_000_000;
const DAY = 86_400_000;
const OLD = 20_000;

const entry = (n: number, at: number): LogEntry => ({
  id: n.toString(16).padStart(12, "0"),
  at,
  type: "state",
  device: `t-${n % 50}`,
  kind: "thermostat",
  text: `setpoint: ${n} → ${n + 1} (a line long enough to take some room: ${"x".repeat(80)})`,
});

describe.each(ENGINES)("the logbook's retention on %s", (name) => {
  const fixture = useEngine(name);

  it("forgets lines past retention and, on DuckDB, gives their space back", async () => {
    const store = await fixture.open({ maintainMs: 3_600_000 });
    const engine = storeEngine(store) as SqlEngine;
    const logbook = await openSqlLogbook(engine);
    for (let n = 0; n < OLD; n++) logbook.append(entry(n, NOW - 2 * DAY + n));
    for (let n = OLD; n < OLD + 10; n++) logbook.append(entry(n, NOW + n));
    await logbook.flush();
    await engine.reclaim(["fleet_log"]);
    const before = (await engine.bytes(false, ["fleet_log"])).used;
    await logbook.prune(NOW - DAY);
    const kept = await logbook.query({
      from: 0,
      to: NOW + DAY,
      device: undefined,
      kind: undefined,
      types: undefined,
      limit: 100,
      before: undefined,
    });
    expect(kept.map((line) => line.id)).toEqual(
      Array.from({ length: 10 }, (_, i) => entry(OLD + 9 - i, 0).id),
    );
    if (name === "duckdb") {
      // A DELETE alone left every block of the 20,000 lines in use (docs/STORAGE.md, byte cap).
      await engine.reclaim(["fleet_log"]);
      const after = (await engine.bytes(false, ["fleet_log"])).used;
      expect(after).toBeLessThan(before / 2);
    }
    await logbook.close();
  });
});
