/**
 * Test fixture: a throwaway PostgreSQL cluster in a temp dir on a free loopback port, started by
 * a suite and removed after it. Debian keeps initdb and pg_ctl in /usr/lib/postgresql/<v>/bin;
 * initdb refuses to run as root, so as root the cluster belongs to the `postgres` user.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { freePort } from "./freePort";

/** Directory holding initdb, pg_ctl and postgres, or undefined when PostgreSQL is not installed. */
export function findPostgresBin(): string | undefined {
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(join(root, v, "bin", "initdb")))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions[0]) return join(root, versions[0], "bin");
  const onPath = spawnSync("sh", ["-c", "command -v initdb"], { encoding: "utf8" }).stdout.trim();
  return onPath ? join(onPath, "..") : undefined;
}

export const POSTGRES_BIN = findPostgresBin();
/** Why PostgreSQL tests cannot run here, and what to install. */
export const POSTGRES_MISSING =
  "needs PostgreSQL: apt-get install postgresql (Debian/Ubuntu; npm test and .ci/run do it as root)";

const isRoot = process.getuid?.() === 0;

/** Runs a PostgreSQL binary, as `postgres` when we are root. */
function pgTool(tool: string, args: string[]): void {
  const path = join(POSTGRES_BIN as string, tool);
  const [command, argv] = isRoot ? ["runuser", ["-u", "postgres", "--", path, ...args]] : [path, args];
  execFileSync(command, argv, { stdio: ["ignore", "pipe", "pipe"], cwd: tmpdir() });
}

/** One PostgreSQL cluster; `stop` and `start` again keep its port and data. */
export class TestPostgres {
  private constructor(
    readonly port: number,
    private readonly dir: string,
  ) {}

  /** `postgres://postgres@127.0.0.1:<port>/postgres` (trust auth, loopback only). */
  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  /** initdb in a fresh temp dir, then start on a free port. */
  static async create(): Promise<TestPostgres> {
    if (!POSTGRES_BIN) throw new Error(`PostgreSQL not found; ${POSTGRES_MISSING}`);
    const dir = mkdtempSync(join(tmpdir(), "fleet-postgres-"));
    if (isRoot) {
      const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }));
      const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }));
      chownSync(dir, uid, gid);
    }
    pgTool("initdb", ["-D", join(dir, "data"), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"]);
    const cluster = new TestPostgres(await freePort(), dir);
    await cluster.start();
    return cluster;
  }

  /** Starts the server and resolves once it accepts a connection (polled, no fixed sleep). */
  async start(): Promise<void> {
    const options = `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off`;
    pgTool("pg_ctl", [
      "-D",
      join(this.dir, "data"),
      "-o",
      options,
      "-l",
      join(this.dir, "log"),
      "-W",
      "start",
    ]);
    const giveUpAt = Date.now() + 20_000;
    for (;;) {
      const client = new pg.Client({ connectionString: this.url, connectionTimeoutMillis: 1000 });
      client.on("error", () => {});
      try {
        await client.connect();
        await client.query("SELECT 1");
        await client.end();
        return;
      } catch (error) {
        await client.end().catch(() => {});
        if (Date.now() > giveUpAt) throw new Error(`PostgreSQL did not start on ${this.port}: ${error}`);
        await new Promise((done) => setTimeout(done, 50));
      }
    }
  }

  /** Stops the server (fast shutdown: clients are disconnected) and waits until it is down. */
  async stop(): Promise<void> {
    pgTool("pg_ctl", ["-D", join(this.dir, "data"), "-m", "fast", "-w", "stop"]);
  }

  /** Stops the server if running and deletes the cluster. */
  async dispose(): Promise<void> {
    try {
      await this.stop();
    } catch {
      // already stopped
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}
