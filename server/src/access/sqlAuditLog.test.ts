import { spawn } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { ENGINES, useEngine as engineFixture } from "../../../testing/storeEngines";
import { storeEngine } from "../alerts/storeEngine";
import { openJournal } from "../sqlJournal";
import type { SqlEngine } from "../store/sqlEngine";
import { type AuditLog, openAuditLog } from "./auditLog";
import { type AuditRecord, auditFilter, toRecord } from "./auditRecord";
import { AUDIT_TABLE } from "./sqlAuditLog";

const ALL = auditFilter({ limit: 100_000 });
const CHILD = ["--import", "tsx", "server/src/access/auditCrashChild.ts"];
/** Time of the child's n-th line, as auditCrashChild.ts writes it. */
const crashLineTime = (n: number) => 1_700_000_000_000 + n;
const at = 1_767_225_600_000;

describe.each(ENGINES)("the audit log's durability on %s", (engine) => {
  const fixture = engineFixture(engine);
  const logs: AuditLog[] = [];
  afterEach(async () => {
    await Promise.all(logs.splice(0).map((log) => log.close()));
  });
  async function open(queueLimit?: number): Promise<{ log: AuditLog; engine: SqlEngine }> {
    const store = await fixture.open();
    const log = await openAuditLog(store, { queueLimit });
    logs.push(log);
    return { log, engine: storeEngine(store) as SqlEngine };
  }

  it("loses no line it flushed when the process is killed with -9", async () => {
    const child = spawn(process.execPath, [...CHILD, engine, fixture.target], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    let kept = -1;
    child.stdout.on("data", (chunk: Buffer) => {
      for (const match of chunk.toString().matchAll(/kept (\d+)/g)) kept = Number(match[1]);
    });
    await expect.poll(() => kept, { timeout: 20_000, interval: 20 }).toBeGreaterThanOrEqual(200);
    const exited = new Promise((done) => child.once("exit", done));
    child.kill("SIGKILL");
    await exited;
    const { log } = await open();
    const lines = (await log.query(ALL)).reverse();
    expect(lines.length).toBeGreaterThan(kept);
    // A prefix, in order, none twice, none missing: line n holds n.
    expect(lines.every((line, n) => line.detail.n === n && line.at === crashLineTime(n))).toBe(true);
  });

  it("stores a line once when its batch is written again (a retry, or servers sharing PostgreSQL)", async () => {
    const { engine: sql } = await open();
    const journal = await openJournal<AuditRecord>(
      sql,
      AUDIT_TABLE,
      (r) => ({ id: r.id, at: r.at, values: [r.user, r.action, r.device, JSON.stringify(r.detail)] }),
      10,
    );
    const record = toRecord({
      at,
      user: "ana",
      action: "ack",
      device: "d",
      detail: { alert: "a1", rule: "r" },
    });
    for (let i = 0; i < 2; i++) {
      journal.add(record as AuditRecord);
      await journal.flush();
    }
    await journal.close();
    expect(await sql.read.run("SELECT count(*) FROM audit_log")).toEqual([[1]]);
  });

  // Two servers on one database only exist with PostgreSQL; a DuckDB file has one writer.
  it.skipIf(engine !== "postgres")("keeps every line of two servers sharing PostgreSQL once", async () => {
    const [a, b] = [await open(), await open()];
    for (let n = 0; n < 100; n++)
      (n % 2 ? a : b).log.append({ at: at + (n >> 2), user: `u${n % 2}`, action: "login", detail: { n } });
    await Promise.all([a.log.flush(), b.log.flush()]);
    for (const { log } of [a, b]) {
      const lines = await log.query(ALL);
      expect(lines.map((l) => l.detail.n).sort((x, y) => Number(x) - Number(y))).toEqual([
        ...Array(100).keys(),
      ]);
      expect(new Set(lines.map((l) => l.id)).size).toBe(100);
    }
  });

  // Stopping the database under a live store is a PostgreSQL fixture (DuckDB is in-process).
  it.skipIf(engine !== "postgres")(
    "buffers lines while the database is down, bounded and counted, and writes them when it is back",
    async () => {
      const { log } = await open(100);
      log.append({ at, user: "ana", action: "login", detail: { n: -1 } });
      await log.flush();
      await fixture.cluster?.stop();
      for (let n = 0; n < 120; n++)
        log.append({ at: at + 1 + n, user: "ana", action: "login", detail: { n } });
      await expect(log.flush()).rejects.toThrow();
      expect(log.dropped).toBe(20);
      await fixture.cluster?.start();
      await expect.poll(async () => (await log.query(ALL)).length, { timeout: 15_000 }).toBe(101);
      const kept = (await log.query(ALL)).map((l) => l.detail.n as number).sort((x, y) => x - y);
      expect(kept).toEqual([-1, ...Array(100).keys()]);
    },
  );
});
