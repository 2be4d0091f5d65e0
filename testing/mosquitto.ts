/**
 * Test fixture: a real Mosquitto broker on a free loopback port, started by a test and killed
 * after it. Free of any test runner, so Vitest (testBroker.ts) and Playwright (e2e/) share it.
 */
import { type ChildProcess, execFile, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "./freePort";

function which(name: string): string | undefined {
  for (const dir of ["/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin"]) {
    if (existsSync(join(dir, name))) return join(dir, name);
  }
  const found = spawnSync("sh", ["-c", `command -v ${name}`], { encoding: "utf8" }).stdout.trim();
  return found || undefined;
}

export const MOSQUITTO = which("mosquitto");
export const MOSQUITTO_PUB = which("mosquitto_pub");
/** Why broker tests cannot run here, and what to install. */
export const MISSING =
  "needs a Mosquitto broker: apt-get install mosquitto mosquitto-clients (Debian/Ubuntu; .ci/run does it)";

function accepts(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      done(true);
    });
    socket.once("error", () => done(false));
  });
}

/** One Mosquitto process on 127.0.0.1; `stop` and `start` again keep its port. */
export class TestBroker {
  private process: ChildProcess | undefined;
  private readonly dir = mkdtempSync(join(tmpdir(), "fleet-mosquitto-"));

  private constructor(readonly port: number) {
    writeFileSync(
      join(this.dir, "mosquitto.conf"),
      // Queue enough for a server with a persistent session to be down a while (Mosquitto keeps 1000 by default).
      `listener ${port} 127.0.0.1\nallow_anonymous true\npersistence false\nmax_queued_messages 100000\n`,
    );
  }

  /** `mqtt://127.0.0.1:<port>`. */
  get url(): string {
    return `mqtt://127.0.0.1:${this.port}`;
  }

  /** Starts a broker on a free port. */
  static async create(): Promise<TestBroker> {
    const broker = new TestBroker(await freePort());
    await broker.start();
    return broker;
  }

  /** Starts (again) and resolves once the port accepts connections. */
  async start(): Promise<void> {
    const child = spawn(MOSQUITTO as string, ["-c", join(this.dir, "mosquitto.conf")], { stdio: "ignore" });
    this.process = child;
    const giveUpAt = Date.now() + 5000;
    while (!(await accepts(this.port))) {
      if (child.exitCode !== null || Date.now() > giveUpAt)
        throw new Error(`mosquitto did not start on port ${this.port} (exit ${child.exitCode})`);
      await new Promise((done) => setTimeout(done, 20));
    }
  }

  /** Kills the broker (SIGKILL: clients see the connection drop) and waits for it to exit. */
  async stop(): Promise<void> {
    const child = this.process;
    this.process = undefined;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((done) => child.once("exit", done));
    child.kill("SIGKILL");
    await exited;
  }

  /** Stops the broker and removes its config. */
  async dispose(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** Publishes with `mosquitto_pub` (QoS 1), as a device author would from a shell. */
  pub(topic: string, message: string, options: { retain?: boolean } = {}): Promise<void> {
    const args = ["-h", "127.0.0.1", "-p", String(this.port), "-q", "1", "-t", topic, "-m", message];
    if (options.retain) args.push("-r");
    return new Promise((done, fail) => {
      execFile(MOSQUITTO_PUB as string, args, (error, _stdout, stderr) =>
        error ? fail(new Error(`mosquitto_pub: ${stderr || error.message}`)) : done(),
      );
    });
  }
}
