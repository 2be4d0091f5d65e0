import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { MockServer } from "../../../mock-server/src/index";
import type { WelcomeMessage } from "../../../src/protocol";
import { POSTGRES_BIN, POSTGRES_MISSING, TestPostgres } from "../../../testing/postgres";
import { setupTestServers } from "../../../testing/testServer";

const servers = setupTestServers();

/** Runs `npm run users -- ...args` as a child process; resolves with its exit code and output. */
function users(args: string[], stdin = ""): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn("node_modules/.bin/tsx", ["server/src/access/usersCli.ts", ...args], {
    stdio: ["pipe", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk) => (stdout += chunk));
  child.stderr.on("data", (chunk) => (stderr += chunk));
  child.stdin.end(stdin);
  return new Promise((done) => child.on("close", (code) => done({ code, stdout, stderr })));
}

async function login(server: MockServer, username: string, password: string) {
  const response = await fetch(`${server.url}/api/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password }),
  });
  return {
    status: response.status,
    cookie: (response.headers.get("set-cookie") ?? "").split(";")[0] as string,
  };
}

const me = async (server: MockServer, cookie: string) =>
  (await fetch(`${server.url}/api/me`, { headers: { cookie } })).status;

describe("users command line with the embedded store (--data)", () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  const dataDir = () => {
    const dir = mkdtempSync(join(tmpdir(), "fleet-users-store-"));
    dirs.push(dir);
    return join(dir, "data");
  };

  it("adds a user the running server accepts, audits it as cli, and remove closes their socket", async () => {
    const data = dataDir();
    const server = await servers.start({ data, devices: 4 });
    const added = await users(
      ["add", "olga", "--role", "operator", "--password-stdin", "--data", data],
      "olga-pass\n",
    );
    expect(added).toMatchObject({ code: 0, stdout: expect.stringContaining("added olga (operator)") });
    await users(["add", "adam", "--role", "admin", "--password-stdin", "--data", data], "adam-pass\n");
    await expect
      .poll(async () => (await login(server, "olga", "olga-pass")).status, { timeout: 5000 })
      .toBe(200);
    const { cookie } = await login(server, "olga", "olga-pass");
    const client = await servers.connect(server, { headers: { cookie } });
    const welcome = client.messages[0] as WelcomeMessage;
    expect(welcome.access).toEqual({ user: "olga", role: "operator", via: "session" });

    expect((await users(["remove", "olga", "--data", data])).code).toBe(0);
    expect((await client.closed).code).toBe(4401);
    expect(await me(server, cookie)).toBe(401);

    const admin = (await login(server, "adam", "adam-pass")).cookie;
    await expect
      .poll(
        async () => {
          const answer = await fetch(`${server.url}/api/audit?user=cli`, { headers: { cookie: admin } });
          const body = (await answer.json()) as { entries: { detail: { op: string; name: string } }[] };
          return body.entries.map((entry) => `${entry.detail.op} ${entry.detail.name}`).reverse();
        },
        { timeout: 5000 },
      )
      .toEqual(["add olga", "add adam", "remove olga"]);
  });

  it("keeps sessions across a restart: the cookie still works", async () => {
    const data = dataDir();
    await users(["add", "ana", "--role", "viewer", "--password-stdin", "--data", data], "ana-password\n");
    const first = await servers.start({ data, devices: 4 });
    const { cookie } = await login(first, "ana", "ana-password");
    expect(await me(first, cookie)).toBe(200);
    await first.close();
    const second = await servers.start({ data, devices: 4 });
    expect(await me(second, cookie)).toBe(200);
  });
});

// Without PostgreSQL installed these are skipped with the warning at the end of this file, and
// `npm test` provisions it first; in CI (`CI` set) a missing PostgreSQL fails them instead.
describe.skipIf(!POSTGRES_BIN && !process.env.CI)("users and sessions in PostgreSQL (--store)", () => {
  let cluster: TestPostgres;
  let databases = 0;
  beforeAll(async () => {
    cluster = await TestPostgres.create();
  }, 60_000);
  afterAll(async () => cluster?.dispose());
  const store = async () => {
    const database = `users_store_${++databases}`;
    const admin = new pg.Client({ connectionString: cluster.url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${database}`);
    await admin.end();
    return cluster.url.replace(/\/postgres$/, `/${database}`);
  };

  it("shares users and sessions between servers; a logout on one closes the socket on the other", async () => {
    const url = await store();
    const [a, b] = [
      await servers.start({ store: url, devices: 4 }),
      await servers.start({ store: url, devices: 4 }),
    ];
    const added = await users(
      ["add", "olga", "--role", "operator", "--password-stdin", "--store", url],
      "olga-pass\n",
    );
    expect(added.code).toBe(0);
    await expect.poll(async () => (await login(a, "olga", "olga-pass")).status, { timeout: 5000 }).toBe(200);
    const { cookie } = await login(a, "olga", "olga-pass");
    expect(await me(b, cookie)).toBe(200);
    const onB = await servers.connect(b, { headers: { cookie } });
    const out = await fetch(`${a.url}/api/logout`, {
      method: "POST",
      headers: { cookie, origin: `http://localhost:${a.port}` },
    });
    expect(out.status).toBe(204);
    expect((await onB.closed).code).toBe(4401);
    expect(await me(b, cookie)).toBe(401);
  });

  it("reports each command-line change to exactly one server's audit log", async () => {
    const url = await store();
    const seen: string[] = [];
    const sink = (name: string) => ({
      append: (entry: { user: string; action: string }) => {
        if (entry.user === "cli") seen.push(`${name} ${entry.action}`);
      },
    });
    await servers.start({ store: url, devices: 4, audit: sink("a") });
    await servers.start({ store: url, devices: 4, audit: sink("b") });
    for (const name of ["u1", "u2", "u3"])
      await users(["add", name, "--role", "viewer", "--password-stdin", "--store", url], "long enough\n");
    await expect.poll(() => seen.length, { timeout: 6000 }).toBe(3);
    expect(seen.every((line) => line.endsWith(" user"))).toBe(true);
  });
});

if (!POSTGRES_BIN) console.warn(`users store tests: PostgreSQL skipped (${POSTGRES_MISSING})`);
