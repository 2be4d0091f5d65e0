import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { useEngine as engineFixture } from "../../../testing/storeEngines";
import type { Actor } from "./actor";
import { type AuditApiContext, handleAudit } from "./auditApi";
import { type AuditLog, openAuditLog } from "./auditLog";

const T0 = 1_767_225_600_000;
/** Bearer tokens the test's `actorOf` knows. */
const ACTORS: Record<string, Actor> = {
  admin: { user: "ana", role: "admin", via: "api_token" },
  operator: { user: "olaf", role: "operator", via: "session" },
  viewer: { user: "vera", role: "viewer", via: "session" },
};

const actorOf = async (req: IncomingMessage): Promise<Actor | undefined> =>
  ACTORS[(req.headers.authorization ?? "").replace(/^Bearer /, "")];

interface Answer {
  status: number;
  headers: Headers;
  body: { entries?: Record<string, unknown>[]; next?: string; error?: { code: string; message: string } };
}

describe("GET /api/audit", () => {
  const servers: Server[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => new Promise((done) => s.close(done))));
  });

  /** A real HTTP server on port 0 serving `handleAudit` only, and a client for it. */
  async function serve(audit: AuditLog, ctx: Partial<AuditApiContext> = {}) {
    const server = createServer(
      (req, res) => void handleAudit(req, res, { audit, actorOf, now: () => T0, ...ctx }),
    );
    servers.push(server);
    await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/audit`;
    return async (query = "", as: string | null = "admin", init: RequestInit = {}): Promise<Answer> => {
      const headers: Record<string, string> = as ? { authorization: `Bearer ${as}` } : {};
      const response = await fetch(`${url}${query ? `?${query}` : ""}`, { headers, ...init });
      return {
        status: response.status,
        headers: response.headers,
        body: (await response.json()) as Answer["body"],
      };
    };
  }

  async function filled(count: number): Promise<AuditLog> {
    const audit = await openAuditLog(undefined);
    for (let n = 0; n < count; n++)
      audit.append({
        at: T0 - 10_000 + n,
        user: n % 2 ? "olaf" : "ana",
        action: n % 2 ? "command" : "login",
        ...(n % 2 ? { device: `dev-${n % 3}` } : {}),
        detail: { n },
      });
    return audit;
  }

  it("answers 401 unauthorized without an actor, 403 forbidden to an operator and a viewer", async () => {
    const get = await serve(await filled(3));
    const anonymous = await get("", null);
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error?.code).toBe("unauthorized");
    for (const role of ["operator", "viewer"]) {
      const refused = await get("", role);
      expect(refused.status).toBe(403);
      expect(refused.body.error).toEqual({
        code: "forbidden",
        message: expect.stringMatching(/may not read the audit log: that needs the admin role$/),
      });
    }
    expect((await get("", "operator")).body.error?.message).toBe(
      "operator olaf may not read the audit log: that needs the admin role",
    );
  });

  it("gives an admin the lines newest first, device only where set, paged by cursor, gzipped", async () => {
    const get = await serve(await filled(450));
    const first = await get("", "admin", {
      headers: { authorization: "Bearer admin", "accept-encoding": "gzip" },
    });
    expect(first.status).toBe(200);
    expect(first.headers.get("content-encoding")).toBe("gzip");
    expect(first.body.entries).toHaveLength(200);
    expect(first.body.entries?.[0]).toEqual({
      at: T0 - 10_000 + 449,
      user: "olaf",
      action: "command",
      device: "dev-2",
      detail: { n: 449 },
    });
    expect(first.body.entries?.[1]).toEqual({
      at: T0 - 10_000 + 448,
      user: "ana",
      action: "login",
      detail: { n: 448 },
    });
    const seen = [...(first.body.entries ?? [])];
    let next = first.body.next;
    while (next) {
      const page = await get(`limit=128&before=${next}`);
      seen.push(...(page.body.entries ?? []));
      next = page.body.next;
    }
    expect(seen.map((e) => e.detail && (e.detail as { n: number }).n)).toEqual(
      [...Array(450).keys()].reverse(),
    );
    const last = await get("limit=1000");
    expect(last.body.entries).toHaveLength(450);
    expect("next" in last.body).toBe(false);
  });

  it("filters by time, user, device and action", async () => {
    const get = await serve(await filled(30));
    const ns = async (query: string) =>
      ((await get(query)).body.entries ?? []).map((e) => (e.detail as { n: number }).n).reverse();
    expect(await ns(`from=${T0 - 10_000 + 5}&to=${T0 - 10_000 + 9}`)).toEqual([5, 6, 7, 8]);
    expect(await ns("user=ana&from=0")).toEqual([...Array(15).keys()].map((i) => i * 2));
    expect(await ns("device=dev-0")).toEqual([3, 9, 15, 21, 27]);
    expect(await ns("action=login,command&limit=3")).toEqual([27, 28, 29]);
    expect(await ns("action=rule")).toEqual([]);
  });

  it.each([
    ["from=abc", '"from"'],
    ["to=1.5", '"to"'],
    ["from=10&to=10", '"from" (10) must be before "to" (10)'],
    ["action=command,nonsense", '"action" must be a comma-separated list of command, ack, rule, user, login'],
    ["limit=0", '"limit"'],
    ["limit=1001", '"limit" must be an integer from 1 to 1000'],
    ["before=12_%27%3B", '"before"'],
    [`user=${"u".repeat(129)}`, '"user" must be at most 128 characters'],
  ])("refuses %s with 400 bad_request naming the parameter", async (query, message) => {
    const get = await serve(await filled(1));
    const answer = await get(query);
    expect(answer.status).toBe(400);
    expect(answer.body.error?.code).toBe("bad_request");
    expect(answer.body.error?.message).toContain(message);
  });

  it("answers 405 to other methods and 503 when the log cannot be read", async () => {
    const audit = await filled(1);
    const get = await serve(audit);
    const posted = await get("", "admin", { method: "POST", headers: { authorization: "Bearer admin" } });
    expect(posted.status).toBe(405);
    const broken = await serve({ ...audit, query: async () => Promise.reject(new Error("database down")) });
    const down = await broken();
    expect(down.status).toBe(503);
    expect(down.body.error).toEqual({
      code: "store_unavailable",
      message: expect.stringContaining("database down"),
    });
  });

  describe("on DuckDB", () => {
    const fixture = engineFixture("duckdb");

    it("serves what the store keeps, and no password a login line was given", async () => {
      const audit = await openAuditLog(await fixture.open());
      audit.append({
        at: T0,
        user: "ana",
        action: "login",
        detail: { ok: false, reason: "bad_password", address: "127.0.0.1", password: "hunter2" },
      });
      const get = await serve(audit);
      const answer = await get("action=login");
      await audit.close();
      expect(answer.body.entries).toEqual([
        {
          at: T0,
          user: "ana",
          action: "login",
          detail: { ok: false, reason: "bad_password", address: "127.0.0.1" },
        },
      ]);
    });
  });
});
