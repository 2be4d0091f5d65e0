import { afterEach, describe, expect, it } from "vitest";
import { ENGINES, type EngineName, useEngine as engineFixture } from "../../../testing/storeEngines";
import { storeEngine } from "../alerts/storeEngine";
import { decodeCursor, toPage } from "../logbook/logbook";
import type { HistoryStore } from "../store/historyStore";
import type { AuditAction, AuditEntry } from "./actor";
import { type AuditLog, type AuditLogOptions, openAuditLog } from "./auditLog";
import { type AuditFilter, type AuditRecord, auditFilter } from "./auditRecord";

const T0 = 1_767_225_600_000;
const ALL = auditFilter();

/** The n-th test line: three per ms (ties for the cursor), users, devices and actions in turn. */
function line(n: number): AuditEntry {
  const actions: AuditAction[] = ["command", "ack", "rule", "user", "login"];
  const action = actions[n % 5] as AuditAction;
  const entry: AuditEntry = { at: T0 + Math.floor(n / 3), user: `user-${n % 4}`, action, detail: { n } };
  if (action === "command" || action === "ack") entry.device = `dev-${n % 3}`;
  return entry;
}

/** Every line matching `filter`, read page by page through the cursor, as `/api/audit` does. */
async function readAll(log: AuditLog, filter: Partial<AuditFilter>, limit: number): Promise<AuditRecord[]> {
  const all: AuditRecord[] = [];
  let before: AuditFilter["before"];
  for (let pages = 0; pages < 1000; pages++) {
    const found = await log.query({ ...ALL, ...filter, limit: limit + 1, before });
    const page = toPage(found, limit);
    all.push(...page.entries);
    if (page.next === null) return all;
    before = decodeCursor(page.next);
  }
  throw new Error("more than 1000 pages");
}

const numbers = (records: AuditRecord[]) => records.map((r) => r.detail.n as number);

describe.each<"memory" | EngineName>(["memory", ...ENGINES])("the audit log on %s", (backend) => {
  const fixture = backend === "memory" ? undefined : engineFixture(backend);
  const logs: AuditLog[] = [];
  // Registered after the engine's hooks, so it runs before the store closes.
  afterEach(async () => {
    await Promise.all(logs.splice(0).map((log) => log.close()));
  });
  async function open(options: AuditLogOptions = {}): Promise<{ log: AuditLog; store?: HistoryStore }> {
    const store = await fixture?.open();
    const log = await openAuditLog(store, options);
    logs.push(log);
    return { log, store };
  }

  it("pages 500 lines newest first by cursor, none twice and none missing", async () => {
    const { log } = await open();
    for (let n = 0; n < 500; n++) log.append(line(n));
    const read = await readAll(log, {}, 37);
    expect(read).toHaveLength(500);
    expect(new Set(read.map((r) => r.id)).size).toBe(500);
    expect(new Set(numbers(read)).size).toBe(500);
    for (let i = 1; i < read.length; i++) {
      const [newer, older] = [read[i - 1] as AuditRecord, read[i] as AuditRecord];
      expect(newer.at > older.at || (newer.at === older.at && newer.id > older.id)).toBe(true);
    }
    // Same-ms lines keep their order of creation: the id sorts by it.
    expect(numbers(read).slice(0, 3)).toEqual([499, 498, 497]);
  });

  it("filters by time, user, device and action", async () => {
    const { log } = await open();
    for (let n = 0; n < 60; n++) log.append(line(n));
    const byFilter = async (filter: Partial<AuditFilter>) =>
      numbers(await readAll(log, filter, 7)).sort((a, b) => a - b);
    const expected = (keep: (n: number) => boolean) => [...Array(60).keys()].filter(keep);
    expect(await byFilter({ from: T0 + 10, to: T0 + 12 })).toEqual(expected((n) => n >= 30 && n < 36));
    expect(await byFilter({ user: "user-1" })).toEqual(expected((n) => n % 4 === 1));
    expect(await byFilter({ device: "dev-2" })).toEqual(expected((n) => n % 5 < 2 && n % 3 === 2));
    expect(await byFilter({ actions: ["ack", "login"] })).toEqual(
      expected((n) => n % 5 === 1 || n % 5 === 4),
    );
    expect(await byFilter({ actions: ["rule"], user: "user-0", from: T0 + 5 })).toEqual(
      expected((n) => n % 5 === 2 && n % 4 === 0 && n >= 15),
    );
    expect(await byFilter({ user: "nobody" })).toEqual([]);
  });

  it("keeps each line as given: device only when there is one, detail as JSON", async () => {
    const { log } = await open();
    const command: AuditEntry = {
      at: T0,
      user: "ana",
      action: "command",
      device: "meter-001",
      detail: { command: "setRelay", args: { on: false }, ok: true, sentAt: T0 - 40, answeredAt: T0 },
    };
    const rule: AuditEntry = {
      at: T0 + 1,
      user: "ana",
      action: "rule",
      detail: { op: "delete", rule: "r1", name: "Hot" },
    };
    log.append(command);
    log.append(rule);
    const [second, first] = await log.query(ALL);
    expect(first).toEqual({ ...command, id: expect.any(String) });
    expect(second).toEqual({ ...rule, id: expect.any(String) });
    expect(second && "device" in second).toBe(false);
  });

  it("never keeps a password or a token, at any depth", async () => {
    const { log, store } = await open();
    log.append({
      at: T0,
      user: "ana",
      action: "login",
      detail: { ok: false, reason: "bad_password", address: "10.0.0.7", password: "hunter2-secret" },
    });
    log.append({
      at: T0 + 1,
      user: "cli",
      action: "user",
      detail: {
        op: "token",
        name: "ana",
        token: "tok-secret",
        nested: [{ apiToken: "api-secret", Password: "p-secret" }],
      },
    });
    const [token, login] = await log.query(ALL);
    expect(login?.detail).toEqual({ ok: false, reason: "bad_password", address: "10.0.0.7" });
    expect(token?.detail).toEqual({ op: "token", name: "ana", nested: [{}] });
    const engine = storeEngine(store);
    if (engine) {
      const stored = JSON.stringify(await engine.read.run("SELECT * FROM audit_log"));
      expect(stored).toContain("bad_password");
      expect(stored).not.toMatch(/secret/);
    }
  });

  it("counts an entry it cannot keep instead of throwing", async () => {
    const { log } = await open();
    const cyclic: Record<string, unknown> = { big: 10n };
    cyclic.self = cyclic;
    log.append({ action: "nonsense", at: T0, user: "x", detail: {} } as unknown as AuditEntry);
    const unprintable = {
      toString: () => {
        throw new Error("no");
      },
    };
    log.append({ at: T0, user: unprintable, action: "rule", detail: {} } as unknown as AuditEntry);
    log.append(null as unknown as AuditEntry);
    log.append({ at: Number.NaN, user: "x", action: "rule", detail: cyclic });
    log.append({ at: T0, user: "y", action: "rule", detail: { text: "x".repeat(20_000) } });
    expect(log.dropped).toBe(3);
    const kept = await log.query(ALL);
    expect(kept).toHaveLength(2);
    expect(kept.find((r) => r.user === "y")?.detail).toEqual({ truncated: true, bytes: 20_011 });
    expect(kept.find((r) => r.user === "x")?.detail).toMatchObject({ big: "10", self: { big: "10" } });
  });

  it("forgets lines older than its retention", async () => {
    const { log } = await open({ retentionMs: 60_000 });
    log.append({ ...line(0), at: T0 - 120_000 });
    log.append({ ...line(1), at: T0 - 30_000 });
    await log.expire(T0);
    expect(numbers(await log.query(ALL))).toEqual([1]);
  });

  // The write tick is the store's: the memory log holds a line the moment it is appended.
  it.skipIf(backend === "memory")(
    "writes a line without being asked to flush, within the write tick",
    async () => {
      const { log, store } = await open();
      log.append(line(0));
      const engine = storeEngine(store);
      const count = async () => Number((await engine?.read.run("SELECT count(*) FROM audit_log"))?.[0]?.[0]);
      await expect.poll(count, { timeout: 1000, interval: 20 }).toBe(1);
    },
  );

  // Only a store survives; the memory log is meant to start empty.
  it.skipIf(backend === "memory")("keeps its lines across a reopen of the store", async () => {
    const first = await open();
    for (let n = 0; n < 30; n++) first.log.append(line(n));
    await first.log.close();
    await first.store?.close();
    const second = await open();
    const read = await readAll(second.log, {}, 1000);
    expect(numbers(read).sort((a, b) => a - b)).toEqual([...Array(30).keys()]);
  });
});
