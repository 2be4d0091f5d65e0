import { describe, expect, it } from "vitest";
import type { MockServer } from "../../../mock-server/src/index";
import type { CommandResultMessage, WelcomeMessage } from "../../../src/protocol";
import { setupTestServers } from "../../../testing/testServer";
import type { AuditEntry, Role } from "./actor";
import { digest, hashPassword, newApiToken } from "./passwords";
import { createMemoryDirectory, type UserDirectory } from "./userDirectory";

const { start, open, connect } = setupTestServers();

/** A memory directory with `ana` (viewer), `olga` (operator) and `adam` (admin); password = name twice. */
async function withUsers(): Promise<UserDirectory> {
  const users = createMemoryDirectory();
  const roles: [string, Role][] = [
    ["ana", "viewer"],
    ["olga", "operator"],
    ["adam", "admin"],
  ];
  for (const [name, role] of roles) await users.add(name, role, await hashPassword(name + name));
  return users;
}

async function call(
  server: MockServer,
  method: string,
  path: string,
  options: { body?: unknown; headers?: Record<string, string> } = {},
) {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: { "content-type": "application/json", ...options.headers },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

/** Signs in; returns the answer and the `cookie` header to send back. */
async function login(server: MockServer, username: string, password = username + username) {
  const answer = await call(server, "POST", "/api/login", { body: { username, password } });
  const setCookie = answer.headers.get("set-cookie") ?? "";
  return { ...answer, setCookie, cookie: setCookie.split(";")[0] as string };
}

/** An alert rule an admin may create. */
const HOT = { name: "hot", scope: { kind: "thermostat" }, metric: "temperature", op: "above", threshold: 30 };

const command = (id: string) =>
  ({ type: "command", id, device: "thermo-001", name: "setTarget", args: { target: 27 } }) as const;

describe("sign-in over HTTP", () => {
  it("sets an HttpOnly SameSite=Strict cookie and /api/me names the user", async () => {
    const server = await start({ users: await withUsers(), devices: 4 });
    const signed = await login(server, "olga");
    expect(signed.status).toBe(200);
    expect(signed.body).toEqual({ user: "olga", role: "operator" });
    expect(signed.setCookie).toMatch(
      /^fleet_session=[A-Za-z0-9_-]{43}; HttpOnly; SameSite=Strict; Path=\/; Max-Age=604800$/,
    );
    const me = await call(server, "GET", "/api/me", { headers: { cookie: signed.cookie } });
    expect(me).toMatchObject({ status: 200, body: { user: "olga", role: "operator", via: "session" } });
    const history = await call(server, "GET", "/api/history?device=thermo-001", {
      headers: { cookie: signed.cookie },
    });
    expect(history.status).toBe(200);
  });

  it("answers a wrong password and an unknown name alike: 401, one generic message", async () => {
    const server = await start({ users: await withUsers(), devices: 4 });
    const wrong = await login(server, "olga", "not her password");
    const unknown = await login(server, "nobody", "whatever it is");
    for (const answer of [wrong, unknown]) {
      expect(answer.status).toBe(401);
      expect(answer.body).toEqual({
        error: { code: "unauthorized", message: "wrong user name or password" },
      });
      expect(answer.setCookie).toBe("");
    }
    const me = await call(server, "GET", "/api/me");
    expect(me).toMatchObject({
      status: 401,
      body: { error: { code: "unauthorized" }, signIn: { password: true, token: false } },
    });
    expect((await call(server, "GET", "/api/history?device=thermo-001")).status).toBe(401);
  });

  it("answers 429 with Retry-After after 5 failures for a name, even with the right password", async () => {
    const server = await start({ users: await withUsers(), devices: 4 });
    for (let i = 0; i < 5; i++) expect((await login(server, "olga", `guess ${i}`)).status).toBe(401);
    const limited = await login(server, "olga");
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe("rate_limited");
    const retryAfter = Number(limited.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(800);
    expect(retryAfter).toBeLessThanOrEqual(900);
    // Another name from the same address is not locked out by olga's failures.
    expect((await login(server, "adam")).status).toBe(200);
  });

  it("answers 429 after 20 failures from one address, whatever the names", async () => {
    const server = await start({ users: await withUsers(), devices: 4 });
    for (let i = 0; i < 20; i++) expect((await login(server, `name${i}`, "wrong password")).status).toBe(401);
    const limited = await login(server, "adam");
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(800);
  });

  it("with --trust-proxy takes the address from X-Forwarded-For and marks the cookie Secure over https", async () => {
    const entries: AuditEntry[] = [];
    const audit = { append: (entry: AuditEntry) => entries.push(entry) };
    const server = await start({ users: await withUsers(), devices: 4, trustProxy: true, audit });
    const answer = await call(server, "POST", "/api/login", {
      body: { username: "ana", password: "anaana" },
      headers: { "x-forwarded-for": "203.0.113.9, 198.51.100.7", "x-forwarded-proto": "https" },
    });
    expect(answer.headers.get("set-cookie")).toMatch(/; Secure$/);
    expect(entries.find((entry) => entry.action === "login")?.detail).toEqual({
      ok: true,
      address: "198.51.100.7",
    });
    const plain = await start({ users: await withUsers(), devices: 4, audit });
    const direct = await call(plain, "POST", "/api/login", {
      body: { username: "ana", password: "anaana" },
      headers: { "x-forwarded-for": "203.0.113.9", "x-forwarded-proto": "https" },
    });
    expect(direct.headers.get("set-cookie")).not.toContain("Secure");
    expect(entries.filter((entry) => entry.action === "login")[1]?.detail.address).toMatch(/127\.0\.0\.1/);
  });

  it("refuses bad bodies with 400 naming the field", async () => {
    const server = await start({ users: await withUsers(), devices: 4 });
    const noName = await call(server, "POST", "/api/login", { body: { password: "x" } });
    expect(noName).toMatchObject({
      status: 400,
      body: { error: { code: "bad_request", message: "username: required (a string)" } },
    });
    const noPassword = await call(server, "POST", "/api/login", { body: { username: "ana" } });
    expect(noPassword.body.error.message).toBe("password: required (a string)");
    expect((await call(server, "GET", "/api/login")).status).toBe(405);
  });

  it("refuses a signed-in change from a foreign or missing Origin (CSRF)", async () => {
    const server = await start({ users: await withUsers(), devices: 4 });
    const { cookie } = await login(server, "adam");
    const post = (headers: Record<string, string>) =>
      call(server, "POST", "/api/alert-rules", { body: HOT, headers: { cookie, ...headers } });
    const foreign = await post({ origin: "https://evil.example" });
    expect(foreign).toMatchObject({ status: 403, body: { error: { code: "forbidden" } } });
    expect(foreign.body.error.message).toContain("origin");
    expect((await post({})).status).toBe(403);
    expect((await post({ origin: `http://localhost:${server.port}` })).status).toBe(201);
  });
});

describe("roles", () => {
  it("gives a viewer's raw command frame `forbidden`, sends the device nothing, and audits the attempt", async () => {
    const entries: AuditEntry[] = [];
    const audit = { append: (entry: AuditEntry) => entries.push(entry) };
    const server = await start({ users: await withUsers(), devices: 4, audit });
    const target = server.deviceState("thermo-001")?.target;
    const { cookie } = await login(server, "ana");
    const client = await connect(server, { headers: { cookie } });
    const welcome = client.messages.find((m) => m.type === "welcome") as WelcomeMessage;
    expect(welcome.access).toEqual({ user: "ana", role: "viewer", via: "session" });
    const result = await client.request<CommandResultMessage>(command("c1"));
    expect(result).toEqual({
      type: "commandResult",
      id: "c1",
      ok: false,
      error: { code: "forbidden", message: "viewer ana may not send commands: that needs the operator role" },
    });
    // An operator's command after it runs; the viewer's never reached the device.
    const operator = await connect(server, { headers: { cookie: (await login(server, "olga")).cookie } });
    expect(await operator.request(command("c2"))).toMatchObject({ ok: true });
    expect(server.deviceState("thermo-001")?.target).toBe(27);
    expect(target).not.toBe(27);
    const attempts = entries.filter((entry) => entry.action === "command");
    expect(attempts.map((entry) => [entry.user, entry.detail.ok, entry.detail.error])).toEqual([
      ["ana", false, "forbidden"],
      ["olga", true, undefined],
    ]);
    const events = await call(server, "GET", "/api/events?type=command", { headers: { cookie } });
    expect(events.body.entries.map((entry: { detail: { by: string } }) => entry.detail.by)).toEqual(["olga"]);
  });

  it("answers a viewer 403 on acknowledge and on rule edits; an operator may acknowledge", async () => {
    const server = await start({ users: await withUsers(), devices: 4 });
    const viewer = { cookie: (await login(server, "ana")).cookie, origin: `http://localhost:${server.port}` };
    const ack = await call(server, "POST", "/api/alerts/any/ack", { body: {}, headers: viewer });
    expect(ack).toMatchObject({
      status: 403,
      body: {
        error: {
          code: "forbidden",
          message: "viewer ana may not acknowledge alerts: that needs the operator role",
        },
      },
    });
    const rule = await call(server, "DELETE", "/api/alert-rules/default.thermostat.temperature", {
      headers: viewer,
    });
    expect(rule.body.error).toEqual({
      code: "forbidden",
      message: "viewer ana may not edit alert rules: that needs the admin role",
    });
    expect((await call(server, "GET", "/api/alert-rules", { headers: viewer })).status).toBe(200);
    const operator = { cookie: (await login(server, "olga")).cookie, origin: viewer.origin };
    expect((await call(server, "POST", "/api/alerts/any/ack", { body: {}, headers: operator })).status).toBe(
      404,
    );
    expect((await call(server, "GET", "/api/audit", { headers: operator })).status).toBe(403);
  });

  it("writes an operator's command, rule changes and sign-ins to the audit sink, readable at /api/audit", async () => {
    const entries: AuditEntry[] = [];
    const server = await start({
      users: await withUsers(),
      devices: 4,
      audit: { append: (entry) => entries.push(entry) },
    });
    await login(server, "olga", "wrong password!");
    const { cookie } = await login(server, "olga");
    const client = await connect(server, { headers: { cookie } });
    const before = Date.now();
    expect(await client.request(command("audited"))).toMatchObject({ ok: true });
    const line = entries.find((entry) => entry.action === "command");
    expect(line).toMatchObject({
      user: "olga",
      action: "command",
      device: "thermo-001",
      detail: { command: "setTarget", args: { target: 27 }, ok: true },
    });
    const detail = line?.detail as { sentAt: number; answeredAt: number };
    expect(detail.sentAt).toBeGreaterThanOrEqual(before);
    expect(detail.answeredAt).toBeGreaterThanOrEqual(detail.sentAt);
    const logins = entries.filter((entry) => entry.action === "login");
    expect(logins.map((entry) => [entry.user, entry.detail.ok, entry.detail.reason])).toEqual([
      ["olga", false, "wrong_password"],
      ["olga", true, undefined],
    ]);
    expect(JSON.stringify(entries)).not.toContain("olgaolga");
    const admin = { cookie: (await login(server, "adam")).cookie, origin: `http://localhost:${server.port}` };
    const created = await call(server, "POST", "/api/alert-rules", { body: HOT, headers: admin });
    const id = created.body.rule.id as string;
    await call(server, "PUT", `/api/alert-rules/${id}`, { body: { ...HOT, threshold: 31 }, headers: admin });
    expect((await call(server, "DELETE", `/api/alert-rules/${id}`, { headers: admin })).status).toBe(204);
    const rules = entries.filter((entry) => entry.action === "rule");
    expect(rules.map((entry) => [entry.user, entry.detail])).toEqual([
      ["adam", { op: "create", rule: id, name: "hot" }],
      ["adam", { op: "update", rule: id, name: "hot" }],
      ["adam", { op: "delete", rule: id, name: "hot" }],
    ]);
    const audit = await call(server, "GET", "/api/audit?action=command", { headers: admin });
    expect(audit.body.entries).toMatchObject([{ user: "olga", action: "command", device: "thermo-001" }]);
  });
});

describe("acknowledgements", () => {
  it("records the operator's name on the alert and in the audit log", async () => {
    const entries: AuditEntry[] = [];
    const audit = { append: (entry: AuditEntry) => entries.push(entry) };
    const server = await start({ users: await withUsers(), devices: 4, audit });
    const origin = `http://localhost:${server.port}`;
    const admin = { cookie: (await login(server, "adam")).cookie, origin };
    const anyValue = { ...HOT, scope: { device: "thermo-001" }, threshold: -100, forSeconds: 0 };
    const rule = (await call(server, "POST", "/api/alert-rules", { body: anyValue, headers: admin })).body
      .rule;
    const ours = async () => {
      const answer = await call(server, "GET", "/api/alerts?state=firing", { headers: admin });
      return (answer.body.alerts as { id: string; rule: string }[]).find((alert) => alert.rule === rule.id);
    };
    await expect.poll(ours, { timeout: 15_000 }).toBeDefined();
    const alert = await ours();
    const operator = { cookie: (await login(server, "olga")).cookie, origin };
    const acked = await call(server, "POST", `/api/alerts/${alert?.id}/ack`, {
      body: { comment: "on it" },
      headers: operator,
    });
    expect(acked.body.alert.acknowledged).toMatchObject({ by: "olga", comment: "on it" });
    expect(entries.find((entry) => entry.action === "ack")).toEqual({
      at: expect.any(Number),
      user: "olga",
      action: "ack",
      device: "thermo-001",
      detail: { alert: alert?.id, rule: rule.id },
    });
  });
});

describe("sessions and sockets", () => {
  it("closes the session's socket with 4401 on logout, and the cookie stops working", async () => {
    const server = await start({ users: await withUsers(), devices: 4 });
    const { cookie } = await login(server, "olga");
    const client = await connect(server, { headers: { cookie } });
    const other = await connect(server, { headers: { cookie: (await login(server, "adam")).cookie } });
    const out = await call(server, "POST", "/api/logout", {
      headers: { cookie, origin: `http://localhost:${server.port}` },
    });
    expect(out.status).toBe(204);
    expect(out.headers.get("set-cookie")).toMatch(
      /^fleet_session=; HttpOnly; SameSite=Strict; Path=\/; Max-Age=0$/,
    );
    expect((await client.closed).code).toBe(4401);
    expect((await call(server, "GET", "/api/me", { headers: { cookie } })).status).toBe(401);
    expect(await other.request({ type: "ping", id: "still", t: 1 })).toMatchObject({ type: "pong" });
  });

  it("closes an expired session's socket with 4401 (absolute lifetime)", async () => {
    const server = await start({ users: await withUsers(), devices: 4, sessionMax: 1000 });
    const { cookie } = await login(server, "ana");
    const client = await connect(server, { headers: { cookie } });
    const opened = Date.now();
    expect(await client.closed).toEqual({ code: 4401, reason: "session ended" });
    // Lifetime 1 s, swept every 2 s: well under 8 s even on a loaded machine (the default is 7 days).
    expect(Date.now() - opened).toBeLessThan(8000);
    expect((await call(server, "GET", "/api/me", { headers: { cookie } })).status).toBe(401);
  });

  it("closes an idle session's socket with 4401 (idle lifetime)", async () => {
    const server = await start({ users: await withUsers(), devices: 4, sessionIdle: 1000 });
    const { cookie } = await login(server, "ana");
    const client = await connect(server, { headers: { cookie } });
    expect(await client.closed).toEqual({ code: 4401, reason: "session ended" });
    expect((await call(server, "GET", "/api/me", { headers: { cookie } })).status).toBe(401);
  });

  it("ends a user's sessions when their role changes or they are removed", async () => {
    const users = await withUsers();
    const server = await start({ users, devices: 4 });
    const olga = await connect(server, { headers: { cookie: (await login(server, "olga")).cookie } });
    const ana = await connect(server, { headers: { cookie: (await login(server, "ana")).cookie } });
    await users.setRole("olga", "viewer");
    expect((await olga.closed).code).toBe(4401);
    await users.remove("ana");
    expect((await ana.closed).code).toBe(4401);
  });

  it("closes 4401 after the auth timeout when the cookie is not valid", async () => {
    const server = await start({ users: await withUsers(), devices: 4, authTimeout: 300 });
    const client = await open(server, { headers: { cookie: "fleet_session=forged" } });
    expect((await client.closed).code).toBe(4401);
    expect(client.messages).toEqual([]);
  });
});

describe("tokens and open access", () => {
  it("keeps the shared token working as the operator `token`", async () => {
    const server = await start({ users: await withUsers(), token: "s3cret", devices: 4 });
    const me = await call(server, "GET", "/api/me", { headers: { authorization: "Bearer s3cret" } });
    expect(me.body).toEqual({ user: "token", role: "operator", via: "shared_token" });
    const client = await open(server);
    client.send({ type: "auth", token: "s3cret" });
    const welcome = await client.waitFor<WelcomeMessage>((m) => m.type === "welcome");
    expect(welcome.access).toEqual({ user: "token", role: "operator", via: "shared_token" });
    expect(await client.request(command("by-token"))).toMatchObject({ ok: true });
    const rule = await call(server, "POST", "/api/alert-rules", {
      body: {},
      headers: { authorization: "Bearer s3cret" },
    });
    expect(rule.status).toBe(403);
  });

  it("accepts an API token as a bearer and in the auth message, with its user's role", async () => {
    const users = await withUsers();
    const token = newApiToken();
    await users.addToken("ana", digest(token));
    const server = await start({ users, devices: 4 });
    const me = await call(server, "GET", "/api/me", { headers: { authorization: `Bearer ${token}` } });
    expect(me.body).toEqual({ user: "ana", role: "viewer", via: "api_token" });
    const client = await open(server);
    client.send({ type: "auth", token });
    client.send({ type: "ping", id: "queued", t: 3 });
    expect(await client.waitFor((m) => m.type === "pong")).toMatchObject({ id: "queued" });
    const wrong = await open(server);
    wrong.send({ type: "auth", token: newApiToken() });
    expect(await wrong.closed).toEqual({ code: 4401, reason: "invalid token" });
  });

  it("stays open with no users and no token, and says so in /api/me and welcome", async () => {
    const server = await start({ devices: 4 });
    expect((await call(server, "GET", "/api/me")).body).toEqual({
      user: "anonymous",
      role: "admin",
      via: "open",
    });
    const client = await connect(server);
    const welcome = client.messages[0] as WelcomeMessage;
    expect(welcome.access).toEqual({ user: "anonymous", role: "admin", via: "open" });
    expect(await client.request(command("open"))).toMatchObject({ ok: true });
  });

  it("closes open sockets with 4401 once a user exists", async () => {
    const users = createMemoryDirectory();
    const server = await start({ users, devices: 4 });
    const client = await connect(server);
    await users.add("adam", "admin", await hashPassword("adamadam"));
    expect((await client.closed).code).toBe(4401);
    expect((await call(server, "GET", "/api/me")).status).toBe(401);
  });
});
