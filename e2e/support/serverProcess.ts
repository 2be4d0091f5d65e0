/**
 * Runs the mock fleet server as a real child process (so a test can kill -9 it and start it
 * again on the same port), serving the built SPA from dist/.
 */
import { type ChildProcess, spawn } from "node:child_process";

export interface ServerProcess {
  port: number;
  url: string;
  /** Kills the server (SIGKILL by default) and waits for it to exit. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Starts the server again on the same port with the same flags. */
  restart(): Promise<void>;
  /** Everything the process printed, for failure messages. */
  output(): string;
  /** Process id of the running server (changes on `restart`). */
  pid(): number;
  /** False once the process has exited (crashed or killed). */
  alive(): boolean;
}

const READY = /http:\/\/localhost:(\d+)/;

function launch(args: string[], log: string[]): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, ["--import", "tsx", "mock-server/src/cli.ts", ...args], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${log.join("")}`)), 30_000);
    const onData = (chunk: Buffer) => {
      log.push(String(chunk));
      const match = READY.exec(log.join(""));
      if (match) {
        clearTimeout(timer);
        resolve({ child, port: Number(match[1]) });
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", (chunk: Buffer) => log.push(String(chunk)));
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${log.join("")}`));
    });
  });
}

/**
 * Starts `mock-server/src/cli.ts --static dist` with `args` (no `--port`) on a free port, or on
 * `options.port` when a test must know the port before the server runs (e.g. for `--allow-origin`).
 */
export async function startServerProcess(
  args: string[] = [],
  options: { port?: number } = {},
): Promise<ServerProcess> {
  const log: string[] = [];
  const flags = ["--static", "dist", ...args];
  const first = await launch([...flags, "--port", String(options.port ?? 0)], log);
  let child = first.child;
  const port = first.port;

  const kill = (signal: NodeJS.Signals = "SIGKILL") =>
    new Promise<void>((done) => {
      if (child.exitCode !== null || child.signalCode !== null) return done();
      child.removeAllListeners("exit");
      child.once("exit", () => done());
      child.kill(signal);
    });

  return {
    port,
    url: `http://127.0.0.1:${port}`,
    kill,
    async restart() {
      await kill();
      log.length = 0;
      child = (await launch([...flags, "--port", String(port)], log)).child;
    },
    output: () => log.join(""),
    pid: () => child.pid ?? 0,
    alive: () => child.exitCode === null && child.signalCode === null,
  };
}
