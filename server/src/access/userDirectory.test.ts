import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { POSTGRES_BIN, POSTGRES_MISSING, TestPostgres } from "../../../testing/postgres";
import { openFileDirectory, USERS_FILE, USERS_LOCK } from "./fileDirectory";
import { digest, hashPassword, newApiToken, passwordProblem, verifyPassword } from "./passwords";
import { connectPostgresDirectory } from "./sqlDirectory";
import { createMemoryDirectory, type UserDirectory, UserError } from "./userDirectory";

describe("passwords", () => {
  it("hashes with scrypt N=2^15 r=8 p=1 and a fresh salt, and verifies only the right one", async () => {
    const stored = await hashPassword("correct horse");
    expect(stored).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(await hashPassword("correct horse")).not.toBe(stored);
    expect(await verifyPassword("correct horse", stored)).toBe(true);
    expect(await verifyPassword("correct horsf", stored)).toBe(false);
    expect(await verifyPassword("anything", undefined)).toBe(false);
    expect(await verifyPassword("anything", "md5$abc")).toBe(false);
  });

  it("takes as long for an unknown user as for a wrong password (one scrypt each)", async () => {
    const stored = await hashPassword("correct horse");
    await verifyPassword("warm up the decoy", undefined);
    const time = async (run: () => Promise<unknown>) => {
      const started = performance.now();
      for (let i = 0; i < 3; i++) await run();
      return performance.now() - started;
    };
    const wrong = await time(() => verifyPassword("wrong", stored));
    const unknown = await time(() => verifyPassword("wrong", undefined));
    expect(unknown).toBeGreaterThan(wrong / 3);
  });

  it("refuses passwords under 8 characters", () => {
    expect(passwordProblem("1234567")).toBe("password: at least 8 characters");
    expect(passwordProblem("12345678")).toBeUndefined();
  });

  it("makes fdt_ tokens of 32 random bytes and keeps their SHA-256", () => {
    const token = newApiToken();
    expect(token).toMatch(/^fdt_[A-Za-z0-9_-]{43}$/);
    expect(digest(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(newApiToken()).not.toBe(token);
  });
});

type Home = "memory" | "file" | "postgres";
const HOMES: Home[] = POSTGRES_BIN || process.env.CI ? ["memory", "file", "postgres"] : ["memory", "file"];
if (!HOMES.includes("postgres")) console.warn(`user directory: PostgreSQL skipped (${POSTGRES_MISSING})`);

describe.each(HOMES)("user directory in %s", (home) => {
  let cluster: TestPostgres | undefined;
  let databases = 0;
  const cleanup: (() => Promise<void> | void)[] = [];
  beforeAll(async () => {
    if (home === "postgres") cluster = await TestPostgres.create();
  }, 60_000);
  afterAll(async () => cluster?.dispose());
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  /** A fresh empty directory, and a second handle on the same data (another process would see). */
  async function open(): Promise<[UserDirectory, () => Promise<UserDirectory>]> {
    if (home === "memory") {
      const directory = createMemoryDirectory();
      return [directory, async () => directory];
    }
    if (home === "file") {
      const dir = mkdtempSync(join(tmpdir(), "fleet-users-"));
      cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
      return [openFileDirectory(dir), async () => openFileDirectory(dir)];
    }
    const database = `users_test_${++databases}`;
    const admin = new pg.Client({ connectionString: cluster?.url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${database}`);
    await admin.end();
    const url = cluster?.url.replace(/\/postgres$/, `/${database}`) as string;
    const connect = async () => {
      const directory = await connectPostgresDirectory(url);
      cleanup.push(() => directory.close());
      return directory;
    };
    return [await connect(), connect];
  }

  it("adds, lists, changes and removes users; each change once in takeChanges", async () => {
    const [cli, again] = await open();
    await cli.add("ana", "viewer", "scrypt$h1");
    await cli.add("bo", "admin", "scrypt$h2");
    const server = await again();
    expect((await server.users()).map((user) => [user.name, user.role])).toEqual([
      ["ana", "viewer"],
      ["bo", "admin"],
    ]);
    const before = (await server.user("ana"))?.stamp as number;
    await cli.setRole("ana", "operator");
    await cli.setPassword("ana", "scrypt$h3");
    const ana = await cli.user("ana");
    expect(ana).toMatchObject({ role: "operator", password: "scrypt$h3" });
    expect(ana?.stamp).toBe(before + 2);
    await cli.remove("bo");
    expect(await cli.user("bo")).toBeUndefined();
    const changes = await server.takeChanges();
    expect(changes.map(({ op, name, role }) => ({ op, name, role }))).toEqual([
      { op: "add", name: "ana", role: "viewer" },
      { op: "add", name: "bo", role: "admin" },
      { op: "set-role", name: "ana", role: "operator" },
      { op: "reset-password", name: "ana", role: undefined },
      { op: "remove", name: "bo", role: undefined },
    ]);
    expect(changes.every((change) => typeof change.at === "number" && change.at > 0)).toBe(true);
    expect(await server.takeChanges()).toEqual([]);
  });

  it("finds a user by the digest of an API token, and forgets the token with the user", async () => {
    const [directory] = await open();
    await directory.add("ana", "operator", "scrypt$h1");
    expect(await directory.hasTokens()).toBe(false);
    const token = newApiToken();
    await directory.addToken("ana", digest(token));
    expect(await directory.hasTokens()).toBe(true);
    expect((await directory.userByToken(digest(token)))?.name).toBe("ana");
    expect(await directory.userByToken(digest(newApiToken()))).toBeUndefined();
    await directory.remove("ana");
    expect(await directory.userByToken(digest(token))).toBeUndefined();
    expect(await directory.hasTokens()).toBe(false);
  });

  it.each([
    ["a duplicate", "ana", "conflict", 'name: user "ana" exists already'],
    ["a reserved name", "token", "bad_request", 'name: "token" is reserved'],
    ["a name with a space", "a b", "bad_request", "name: 1 to 64 letters"],
    ["an empty name", "", "bad_request", "name: 1 to 64 letters"],
  ])("refuses %s with %s", async (_, name, code, message) => {
    const [directory] = await open();
    await directory.add("ana", "viewer", "scrypt$h1");
    const refusal = await directory.add(name, "viewer", "scrypt$h").catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(UserError);
    expect(refusal).toMatchObject({ code });
    expect((refusal as Error).message).toContain(message);
  });

  it("answers not_found for changes to an unknown user", async () => {
    const [directory] = await open();
    for (const change of [
      () => directory.remove("nobody"),
      () => directory.setRole("nobody", "admin"),
      () => directory.setPassword("nobody", "x"),
      () => directory.addToken("nobody", "d"),
    ])
      await expect(change()).rejects.toMatchObject({ code: "not_found", message: 'name: no user "nobody"' });
  });
});

describe("users.json", () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  const fresh = () => {
    const dir = mkdtempSync(join(tmpdir(), "fleet-users-"));
    dirs.push(dir);
    return dir;
  };

  it("is written with mode 0600 and no lock left behind", async () => {
    const dir = fresh();
    await openFileDirectory(dir).add("ana", "viewer", "scrypt$h1");
    expect(statSync(join(dir, USERS_FILE)).mode & 0o777).toBe(0o600);
    expect(() => statSync(join(dir, USERS_LOCK))).toThrow();
    expect(JSON.parse(readFileSync(join(dir, USERS_FILE), "utf8"))).toMatchObject({
      format: "fleet-users",
      version: 1,
      users: [{ name: "ana", role: "viewer" }],
    });
  });

  it("waits for a live writer's lock, and takes over one left by a dead process", async () => {
    const dir = fresh();
    writeFileSync(join(dir, USERS_LOCK), `${process.pid}\n`);
    const blocked = openFileDirectory(dir).add("ana", "viewer", "scrypt$h1");
    await expect(blocked).rejects.toMatchObject({ code: "unavailable" });
    writeFileSync(join(dir, USERS_LOCK), "999999999\n");
    await openFileDirectory(dir).add("ana", "viewer", "scrypt$h1");
    expect((await openFileDirectory(dir).users()).map((user) => user.name)).toEqual(["ana"]);
  });

  it("says which file is broken rather than starting with no users", async () => {
    const dir = fresh();
    writeFileSync(join(dir, USERS_FILE), "{not json");
    await expect(openFileDirectory(dir).users()).rejects.toThrow(`${join(dir, USERS_FILE)}: not valid JSON`);
  });

  it("re-reads the file when another process changed it (mtime checked at most once a second)", async () => {
    const dir = fresh();
    let clock = 1_000_000;
    const server = openFileDirectory(dir, () => clock);
    expect(await server.users()).toEqual([]);
    await openFileDirectory(dir).add("ana", "viewer", "scrypt$h1");
    expect(await server.users()).toEqual([]);
    clock += 1000;
    expect((await server.users()).map((user) => user.name)).toEqual(["ana"]);
  });
});
