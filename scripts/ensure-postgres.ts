/**
 * Makes sure PostgreSQL exists for the store tests (a throwaway cluster per suite, see
 * testing/postgres.ts), getting it when missing: Debian's `postgresql` via apt-get when running
 * as root with apt. Exits non-zero with a message that says exactly what to install otherwise.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { findPostgresBin } from "../testing/postgres";

function run(command: string, args: string[]): boolean {
  console.log(`[ensure-postgres] ${command} ${args.join(" ")}`);
  const result = spawnSync(command, args, {
    stdio: "inherit",
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
  });
  return result.status === 0;
}

function tryApt(): boolean {
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  if (!isRoot || !existsSync("/usr/bin/apt-get")) return false;
  return run("apt-get", ["update", "-qq"]) && run("apt-get", ["install", "-y", "-qq", "postgresql"]);
}

const found = findPostgresBin();
if (found) {
  console.log(`[ensure-postgres] using ${found}`);
  process.exit(0);
}
console.log(
  "[ensure-postgres] no PostgreSQL found (initdb in /usr/lib/postgresql/*/bin or on PATH); installing it",
);
if (tryApt() && findPostgresBin()) {
  console.log(`[ensure-postgres] using ${findPostgresBin()}`);
  process.exit(0);
}
console.error(
  "[ensure-postgres] PostgreSQL could not be found or installed; the store tests need it. Install one of:\n" +
    "  - Debian/Ubuntu: sudo apt-get install postgresql\n" +
    "  - Fedora: sudo dnf install postgresql-server\n" +
    "  - macOS: brew install postgresql\n" +
    "  (initdb, pg_ctl and postgres must be in /usr/lib/postgresql/<version>/bin or on PATH)",
);
process.exit(1);
