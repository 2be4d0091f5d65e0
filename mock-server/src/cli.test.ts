import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseCommandLine } from "./cliArgs";
import { type MockServerOptions, resolveMockOptions } from "./options";

interface Run {
  code: number | null;
  stdout: string;
  /** stderr without npm's own warnings about the environment. */
  stderr: string;
}

const children: ChildProcess[] = [];
// afterAll, not afterEach: the concurrent cases must not kill each other's processes.
afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
});

/**
 * Runs the CLI as `npm run mock` does. `direct` runs tsx itself rather than through npx, because
 * npx does not forward SIGTERM to its child, and starts faster.
 */
function cli(args: string[], direct = true): ChildProcess {
  const [command, prefix] = direct ? ["node_modules/.bin/tsx", []] : ["npx", ["tsx"]];
  const child = spawn(command, [...prefix, "mock-server/src/cli.ts", ...args], {
    env: { ...process.env, PORT: "", FLEET_TOKEN: "" },
  });
  children.push(child);
  return child;
}

function run(args: string[], direct = true): Promise<Run> {
  const child = cli(args, direct);
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (chunk) => {
    stdout += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    stderr += chunk;
  });
  return new Promise((done) => {
    child.on("exit", (code) => {
      const lines = stderr.split("\n").filter((line) => line && !line.startsWith("npm warn"));
      done({ code, stdout, stderr: lines.join("\n") });
    });
  });
}

const dir = mkdtempSync(join(tmpdir(), "fleet-cli-"));
const badFleet = join(dir, "bad-fleet.json");
writeFileSync(badFleet, JSON.stringify({ thermostat: -1 }));

/** The message the CLI would print for these flags, from parsing or from option checks. */
function problem(args: string[], env: NodeJS.ProcessEnv = {}): string | undefined {
  const request = parseCommandLine(args, env);
  if (request.kind === "error") return request.message;
  if (request.kind === "help") return undefined;
  try {
    resolveMockOptions(request.options);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

describe("command-line parsing", () => {
  it.each([
    [["--bad"], /^unknown flag --bad; accepted flags: .*--port.*--drop-every/],
    [["--tick", "0"], /^--tick must be an integer from 5 to 10000, got "0"$/],
    [["--tick", ""], /^--tick must be an integer from 5 to 10000, got ""$/],
    [["--rate", "abc"], /^--rate must be a number from 0.01 to 1000, got "abc"$/],
    [["--offline-rate", "2"], /^--offline-rate must be a number from 0 to 1, got "2"$/],
    [["--command-failure-rate=-0.1"], /^--command-failure-rate must be a number from 0 to 1, got "-0.1"$/],
    [["--seed", "-1"], /^--seed needs a value; for a value starting with "-", write --seed=VALUE$/],
    [["--devices", "1.5"], /^--devices must be an integer from 1 to 100000, got "1.5"$/],
    [["--port", "70000"], /^--port must be an integer from 0 to 65535, got "70000"$/],
    [["--history", "1e9"], /^--history must be a number from 0 to 86400/],
    [["--max-connections", "0"], /^--max-connections must be an integer from 1/],
    [["--port"], /^--port needs a value/],
    [["stray"], /^unexpected argument stray/],
    [["--fleet", join(dir, "missing.json")], /^--fleet .*missing\.json: cannot read a JSON file/],
    [["--fleet", badFleet], /^--fleet: field "thermostat": .*expected \{"rate"\?/],
    [["--tls-cert", badFleet], /^--tls-cert and --tls-key must be given together$/],
    [
      ["--retention-raw", "1y"],
      /^--retention-raw must be a duration like 90s, 15m, 24h or 30d, from 1 minute to 3650 days, got "1y"$/,
    ],
    [
      ["--retention-1m", "10m"],
      /^--retention-1m must be a duration like .* from 1 hour to 3650 days, got "10m"$/,
    ],
    [
      ["--store-max-bytes", "64MiB"],
      /^--store-max-bytes must be a size like 512MB or 2GB, from 1MB to 1PB, got "64MiB"$/,
    ],
    [["--store", "mysql://x/y"], /^--store must be a postgres:\/\/user@host\/db URL, got "mysql:\/\/x\/y"$/],
    [["--backfill", "2h"], /^--backfill needs a history store: add --data DIR or --store URL$/],
    [
      ["--backfill", "2h", "--data", dir, "--source", "mqtt://b:1883"],
      /^--backfill fills the store with the simulated fleet; it cannot be used with --source$/,
    ],
    [
      ["--tls-cert", join(dir, "no.pem"), "--tls-key", join(dir, "no.pem")],
      /^--tls-cert .*no\.pem: cannot read/,
    ],
  ])("rejects %j naming the flag and what it accepts", (args, message) => {
    expect(problem(args)).toMatch(message);
  });

  it("reads durations and sizes with their units", () => {
    const request = parseCommandLine(
      ["--retention-raw", "36h", "--retention-1m", "7d", "--store-max-bytes", "500MB", "--backfill", "90"],
      {},
    );
    expect(request).toMatchObject({
      kind: "run",
      options: {
        retentionRaw: 36 * 3_600_000,
        retention1m: 7 * 86_400_000,
        storeMaxBytes: 500 * 1024 ** 2,
        backfill: 90_000,
      },
    });
  });

  it("reads PORT and FLEET_TOKEN from the environment, flags first", () => {
    expect(parseCommandLine([], { PORT: "9000", FLEET_TOKEN: "t" })).toMatchObject({
      kind: "run",
      options: { port: 9000, token: "t" },
    });
    expect(parseCommandLine(["--port", "0"], { PORT: "9000" })).toMatchObject({ options: { port: 0 } });
    expect(problem([], { PORT: "eighty" })).toBe('--port must be an integer from 0 to 65535, got "eighty"');
  });

  it("maps every flag to its camelCase option", () => {
    const request = parseCommandLine(
      [
        ...["--devices", "40", "--rate", "2.5", "--tick", "100", "--seed", "9", "--history", "60"],
        ...[
          "--offline-rate",
          "0.01",
          "--command-failure-rate",
          "0.05",
          "--drop-every",
          "30",
          "--latency",
          "20",
        ],
        ...[
          "--allow-origin",
          "https://a.example",
          "--static",
          "dist",
          "--per-message-deflate",
          "--rate-limit",
          "50",
        ],
      ],
      {},
    );
    expect(request.kind).toBe("run");
    const options = (request as { options: MockServerOptions }).options;
    expect(options).toMatchObject({
      devices: 40,
      rate: 2.5,
      tick: 100,
      seed: 9,
      history: 60,
      offlineRate: 0.01,
      commandFailureRate: 0.05,
      dropEvery: 30,
      latency: 20,
      allowOrigin: "https://a.example",
      static: "dist",
      perMessageDeflate: true,
      rateLimit: 50,
    });
  });

  it("compresses by default, turns it off with --no-per-message-deflate, and refuses both flags", () => {
    const deflate = (args: string[]) =>
      (parseCommandLine(args, {}) as { options: MockServerOptions }).options.perMessageDeflate;
    expect([deflate([]), deflate(["--no-per-message-deflate"])]).toEqual([true, false]);
    expect(parseCommandLine(["--per-message-deflate", "--no-per-message-deflate"], {})).toEqual({
      kind: "error",
      message: "--per-message-deflate and --no-per-message-deflate contradict each other; pick one",
    });
  });
});

describe("mock-server process", () => {
  it.concurrent("rejects an unknown flag through npx with exit code 2 and one line", async ({ expect }) => {
    const result = await run(["--bad"], false);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^mock-server: unknown flag --bad; accepted flags: .*--port/);
    expect(result.stderr.split("\n")).toHaveLength(1);
    expect(result.stdout).toBe("");
  });

  it.concurrent("rejects a bad value and a bad fleet file with exit code 2 and one line", async ({
    expect,
  }) => {
    const [tick, fleet] = await Promise.all([run(["--tick", "0"]), run(["--fleet", badFleet])]);
    expect(tick).toMatchObject({
      code: 2,
      stderr: 'mock-server: --tick must be an integer from 5 to 10000, got "0"',
    });
    expect(fleet.code).toBe(2);
    expect(fleet.stderr).toMatch(/^mock-server: --fleet: field "thermostat"[^\n]*$/);
  });

  it.concurrent("refuses a second server on the same data dir, naming the process that holds it", async ({
    expect,
  }) => {
    const data = join(dir, "shared-data");
    const first = cli(["--port", "0", "--data", data]);
    await new Promise<void>((done, fail) => {
      first.stdout?.on("data", (chunk) => String(chunk).includes("ready at") && done());
      first.on("exit", (code) => fail(new Error(`first server exited ${code}`)));
    });
    const second = await run(["--port", "0", "--data", data]);
    expect(second.code).toBe(2);
    expect(second.stderr).toMatch(
      /^mock-server: history store: data dir .*shared-data is in use by process \d+; stop that server/,
    );
    const exited = new Promise<number | null>((done) => first.on("exit", (code) => done(code)));
    first.kill("SIGTERM");
    expect(await exited).toBe(0);
  });

  it.concurrent("prints help and exits 0", async ({ expect }) => {
    const result = await run(["--help"]);
    expect(result.code).toBe(0);
    for (const flag of [
      "--port",
      "--devices",
      "--fleet",
      "--rate",
      "--tick",
      "--seed",
      "--history",
      "--token",
    ]) {
      expect(result.stdout).toContain(flag);
    }
    expect(result.stdout).toContain("--command-failure-rate");
    expect(result.stdout).toContain("--per-message-deflate");
  });

  it.concurrent("prints one ready line with the chosen port, serves, and exits 0 on SIGTERM", async ({
    expect,
  }) => {
    const child = cli(["--port", "0", "--seed", "3"]);
    const line = await new Promise<string>((done, fail) => {
      let out = "";
      child.stdout?.on("data", (chunk) => {
        out += chunk;
        if (out.includes("\n")) done(out.trim());
      });
      child.on("exit", (code) => fail(new Error(`exited ${code}`)));
    });
    expect(line).toMatch(
      /^Fleet dashboard ready at http:\/\/localhost:\d+ {2}\(WebSocket ws:\/\/localhost:\d+\/ws\)$/,
    );
    const port = Number(/localhost:(\d+)/.exec(line)?.[1]);
    const health = await (await fetch(`http://localhost:${port}/healthz`)).json();
    expect(health).toMatchObject({ ok: true, devices: 16 });
    const exited = new Promise<number | null>((done) => child.on("exit", (code) => done(code)));
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
  });
});
