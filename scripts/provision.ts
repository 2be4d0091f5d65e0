/**
 * What the ensure-* scripts share: find a tool, install it with apt-get when running as root on
 * Debian/Ubuntu (or another way the script names), and otherwise exit non-zero with a message that
 * says exactly what to install. Each script supplies how to find its tool and what to say.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";

/** A tool one script provisions. */
export interface Provision {
  /** Log prefix, e.g. `ensure-postgres`. */
  tag: string;
  /** What to print after "using " when the tool exists, or undefined when it is missing. */
  find(): string | undefined;
  /** The same after an install, when it should print less (default: `find`). */
  findAfterInstall?(): string | undefined;
  /** Printed after "no " when the tool is missing, e.g. "Chromium found; installing one". */
  missing: string;
  /** Install attempts in order; the first that succeeds ends the list. */
  install: Array<(run: Runner) => boolean>;
  /** The error printed when nothing worked: what to install, per platform. */
  help: string;
}

/** Runs a command with inherited output, non-interactively; true when it exits 0. */
export type Runner = (command: string, args: string[]) => boolean;

/** `command -v` with the sbin dirs a non-root PATH often lacks. */
export function which(name: string): string | undefined {
  for (const dir of ["/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin"]) {
    if (existsSync(join(dir, name))) return join(dir, name);
  }
  const found = spawnSync("sh", ["-c", `command -v ${name}`], { encoding: "utf8" }).stdout.trim();
  return found || undefined;
}

/** An install attempt: `apt-get update` then `apt-get install packages`, only as root with apt. */
export function apt(...packages: string[]): (run: Runner) => boolean {
  return (run) => {
    const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
    if (!isRoot || !existsSync("/usr/bin/apt-get")) return false;
    return run("apt-get", ["update", "-qq"]) && run("apt-get", ["install", "-y", "-qq", ...packages]);
  };
}

/** Finds or installs the tool, logs which one is used, and exits (0, or 1 with `help`). */
export function ensure(tool: Provision): never {
  const run: Runner = (command, args) => {
    console.log(`[${tool.tag}] ${command} ${args.join(" ")}`);
    const result = spawnSync(command, args, {
      stdio: "inherit",
      env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
    });
    return result.status === 0;
  };
  const found = tool.find();
  if (found) {
    console.log(`[${tool.tag}] using ${found}`);
    process.exit(0);
  }
  console.log(`[${tool.tag}] no ${tool.missing}`);
  const after = tool.findAfterInstall ?? tool.find;
  if (tool.install.some((attempt) => attempt(run)) && after()) {
    console.log(`[${tool.tag}] using ${after()}`);
    process.exit(0);
  }
  console.error(`[${tool.tag}] ${tool.help}`);
  process.exit(1);
}
